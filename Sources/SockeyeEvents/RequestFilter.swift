/// A filter over requests, in the spirit of mitmproxy's expressions:
///
/// - `~c 404` the status is 404; `~c 4xx` the status is in the 400s
/// - `~m POST` the method is POST (any case)
/// - `~u /api` the target (path and query) contains `/api`
/// - `text` (any other word) the path, without the query, contains `text`
/// - `!e` not e; `a & b` both; `a | b` either; `&` binds tighter than `|`; `( … )` groups
///
/// A word runs up to a space or one of `& | ( )`. A request not yet answered has no status, a
/// rejected one no method or target: a term about what is missing is false.
public struct RequestFilter: Sendable, Equatable, CustomStringConvertible {
    /// The expression as written.
    public let text: String
    private let root: Term

    indirect enum Term: Sendable, Equatable {
        case status(StatusPattern)
        case method(String)
        case targetContains(String)
        case pathContains(String)
        case not(Term)
        case and(Term, Term)
        case or(Term, Term)
    }

    enum StatusPattern: Sendable, Equatable {
        case exact(Int)
        /// 4 for `4xx`.
        case statusClass(Int)
    }

    public init(parsing text: String) throws(RequestFilterError) {
        self.text = text
        var parser = RequestFilterParser(text)
        root = try parser.parseExpression()
    }

    public var description: String { text }

    public func matches(_ record: RequestRecord) -> Bool {
        matches(method: record.method, target: record.target, status: record.status)
    }

    /// - Parameters: nil for what the request does not have (yet).
    public func matches(method: String?, target: String?, status: Int?) -> Bool {
        Self.evaluate(root, method: method, target: target, status: status)
    }

    private static func evaluate(_ term: Term, method: String?, target: String?, status: Int?) -> Bool {
        switch term {
        case .status(.exact(let code)): return status == code
        case .status(.statusClass(let hundreds)): return status.map { $0 / 100 == hundreds } ?? false
        case .method(let wanted): return method.map { $0.uppercased() == wanted } ?? false
        case .targetContains(let text): return target?.contains(text) ?? false
        case .pathContains(let text):
            guard let target else { return false }
            return target.prefix { $0 != "?" }.contains(text)
        case .not(let inner): return !evaluate(inner, method: method, target: target, status: status)
        case .and(let left, let right):
            return evaluate(left, method: method, target: target, status: status)
                && evaluate(right, method: method, target: target, status: status)
        case .or(let left, let right):
            return evaluate(left, method: method, target: target, status: status)
                || evaluate(right, method: method, target: target, status: status)
        }
    }
}

/// What is wrong with an expression and where: `position` counts characters from 1.
public struct RequestFilterError: Error, Equatable, CustomStringConvertible {
    public let position: Int
    public let message: String

    public var description: String { "at position \(position): \(message)" }
}

/// Recursive descent over the characters: `or := and ("|" and)*`, `and := unary ("&" unary)*`,
/// `unary := "!" unary | "(" or ")" | "~c" word | "~m" word | "~u" word | word`.
private struct RequestFilterParser {
    private typealias Term = RequestFilter.Term
    private let characters: [Character]
    private var index = 0

    init(_ text: String) { characters = Array(text) }

    mutating func parseExpression() throws(RequestFilterError) -> RequestFilter.Term {
        skipSpaces()
        guard index < characters.count else { throw error("the expression is empty") }
        let term = try parseOr()
        guard index == characters.count else {
            throw characters[index] == ")" ? error("this ) closes nothing") : error("expected & or | before \"\(characters[index])\"")
        }
        return term
    }

    private mutating func parseOr() throws(RequestFilterError) -> Term {
        var term = try parseAnd()
        while consume("|") { term = .or(term, try parseAnd()) }
        return term
    }

    private mutating func parseAnd() throws(RequestFilterError) -> Term {
        var term = try parseUnary()
        while consume("&") { term = .and(term, try parseUnary()) }
        return term
    }

    private mutating func parseUnary() throws(RequestFilterError) -> Term {
        if consume("!") { return .not(try parseUnary()) }
        let start = index
        if consume("(") {
            let inner = try parseOr()
            guard consume(")") else { throw error("this ( is never closed", at: start) }
            return inner
        }
        let word = readWord()
        if word.isEmpty {
            guard index < characters.count else { throw error("expected a term (~c, ~m, ~u, text, ! or a group) at the end") }
            throw error("expected a term (~c, ~m, ~u, text, ! or a group), found \"\(characters[index])\"")
        }
        guard word.hasPrefix("~") else { return .pathContains(word) }
        switch word {
        case "~c": return .status(try statusPattern())
        case "~m": return .method(try argument(of: word).uppercased())
        case "~u": return .targetContains(try argument(of: word))
        default: throw error("unknown filter \(word) (use ~c, ~m or ~u)", at: start)
        }
    }

    /// `404` (100...599) or a class `4xx`.
    private mutating func statusPattern() throws(RequestFilterError) -> RequestFilter.StatusPattern {
        let start = index
        let word = Array(try argument(of: "~c").lowercased())
        if word.count == 3, let code = Int(String(word)), (100...599).contains(code) { return .exact(code) }
        if word.count == 3, word[1...] == ["x", "x"], let hundreds = word[0].wholeNumberValue, (1...5).contains(hundreds) {
            return .statusClass(hundreds)
        }
        throw error("~c wants a status like 404 or a class like 4xx, not \"\(String(word))\"", at: start)
    }

    private mutating func argument(of filter: String) throws(RequestFilterError) -> String {
        let word = readWord()
        guard word.isEmpty else { return word }
        throw error("\(filter) needs a value")
    }

    /// Skips spaces, then reads up to a space or an operator; empty when there is no word here.
    private mutating func readWord() -> String {
        skipSpaces()
        let start = index
        while index < characters.count, !characters[index].isWhitespace, !"&|()".contains(characters[index]) { index += 1 }
        let word = String(characters[start..<index])
        skipSpaces()
        return word
    }

    private mutating func consume(_ symbol: Character) -> Bool {
        skipSpaces()
        guard index < characters.count, characters[index] == symbol else { return false }
        index += 1
        skipSpaces()
        return true
    }

    private mutating func skipSpaces() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    private func error(_ message: String, at position: Int? = nil) -> RequestFilterError {
        RequestFilterError(position: (position ?? index) + 1, message: message)
    }
}
