import HTTPCore
import SockeyeEvents
import Testing

/// The filter language: each operator, precedence, grouping, and errors that say where.
@Suite("RequestFilter")
struct RequestFilterTests {
    static func record(_ method: String, _ target: String, status: Int) -> RequestRecord {
        let head = try! RequestHead(parsing: "\(method) \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
        return RequestRecord(connection: 1, sequence: 1, head: head, status: status, bytesIn: 0, bytesOut: 10, chunked: false,
                             headAt: 0, startedAt: 0, finishedAt: 0, wait: 0, blockedBy: nil, peer: "127.0.0.1:1")
    }

    static let getRoot = record("GET", "/", status: 200)
    static let missing = record("GET", "/missing", status: 404)
    static let postEcho = record("POST", "/echo", status: 200)
    static let apiQuery = record("GET", "/api/v1/items?q=slow", status: 503)
    static let all = [getRoot, missing, postEcho, apiQuery]

    /// The targets of the records `expression` matches, in `all`'s order.
    static func matching(_ expression: String) throws -> [String] {
        let filter = try RequestFilter(parsing: expression)
        return all.filter(filter.matches).map(\.target)
    }

    @Test("~c: an exact status or a class")
    func status() throws {
        #expect(try Self.matching("~c 404") == ["/missing"])
        #expect(try Self.matching("~c 4xx") == ["/missing"])
        #expect(try Self.matching("~c 5XX") == ["/api/v1/items?q=slow"])
        #expect(try Self.matching("~c 2xx") == ["/", "/echo"])
        #expect(try Self.matching("~c 201").isEmpty)
    }

    @Test("~m: the method, in any case")
    func method() throws {
        #expect(try Self.matching("~m POST") == ["/echo"])
        #expect(try Self.matching("~m post") == ["/echo"])
    }

    @Test("~u: the whole target contains the text; a plain word: the path without its query")
    func targetAndPath() throws {
        #expect(try Self.matching("~u slow") == ["/api/v1/items?q=slow"])
        #expect(try Self.matching("slow").isEmpty, "the query is not the path")
        #expect(try Self.matching("/api") == ["/api/v1/items?q=slow"])
        #expect(try Self.matching("miss") == ["/missing"])
    }

    @Test("! negates, & is and, | is or")
    func operators() throws {
        #expect(try Self.matching("!~c 2xx") == ["/missing", "/api/v1/items?q=slow"])
        #expect(try Self.matching("~m GET & ~c 2xx") == ["/"])
        #expect(try Self.matching("~c 404 | ~m POST") == ["/missing", "/echo"])
        #expect(try Self.matching("!!~m POST") == ["/echo"])
        #expect(try Self.matching("~c 404&~m GET") == ["/missing"], "no spaces needed around operators")
    }

    @Test("& binds tighter than |; parentheses group")
    func precedence() throws {
        // ~m POST | (~m GET & ~c 404), not (~m POST | ~m GET) & ~c 404
        #expect(try Self.matching("~m POST | ~m GET & ~c 404") == ["/missing", "/echo"])
        #expect(try Self.matching("~c 404 & ~m GET | ~m POST") == ["/missing", "/echo"])
        #expect(try Self.matching("(~m POST | ~m GET) & ~c 404") == ["/missing"])
        #expect(try Self.matching("!(~c 2xx | ~c 5xx)") == ["/missing"])
    }

    @Test("a request without a method, target or status: terms about them are false")
    func missingFacts() throws {
        let filter = try RequestFilter(parsing: "~c 400 & !~m GET")
        #expect(filter.matches(method: nil, target: nil, status: 400))
        #expect(!(try RequestFilter(parsing: "~c 4xx")).matches(method: "GET", target: "/", status: nil))
        #expect(!(try RequestFilter(parsing: "/")).matches(method: nil, target: nil, status: 400))
    }

    @Test("a bad expression names what is wrong and where (from 1)", arguments: [
        ("", 1, "empty"),
        ("~c", 3, "~c needs a value"),
        ("~c 4z4", 4, "like 404 or a class like 4xx"),
        ("~c 600", 4, "like 404"),
        ("~x foo", 1, "unknown filter ~x"),
        ("~c 404 &", 9, "expected a term"),
        ("~c 404 ~m GET", 8, "expected & or |"),
        ("(~c 404 | ~m GET", 1, "never closed"),
        ("~c 404)", 7, "closes nothing"),
        ("& ~c 404", 1, "expected a term"),
        ("!", 2, "expected a term"),
    ])
    func errors(expression: String, position: Int, message: String) {
        #expect {
            try RequestFilter(parsing: expression)
        } throws: { error in
            guard let error = error as? RequestFilterError else { return false }
            return error.position == position && error.message.contains(message)
                && "\(error)".hasPrefix("at position \(position): ")
        }
    }
}
