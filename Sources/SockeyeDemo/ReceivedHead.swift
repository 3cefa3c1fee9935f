/// A response's status line and fields (RFC 9112 §4, §5), parsed strictly enough to frame its
/// body: `HTTP/1.x`, a three-digit status, field lines `name: value` with no folding.
struct ReceivedHead {
    let status: Int
    /// Names lowercased, values without surrounding whitespace, in the order received.
    let fields: [(name: String, value: String)]

    init(statusLine: ArraySlice<UInt8>, fieldLines: [ArraySlice<UInt8>]) throws(ResponseReadError) {
        status = try Self.status(statusLine)
        var fields: [(name: String, value: String)] = []
        for line in fieldLines { fields.append(try Self.field(line)) }
        self.fields = fields
    }

    /// The Server field (RFC 9110 §10.2.4): the software that answered, nil when it did not say.
    var server: String? { fields.last { $0.name == "server" }?.value }

    /// Every value of the fields named `name` (lowercase), comma-separated lists split.
    func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.flatMap { $0.value.split(separator: ",", omittingEmptySubsequences: false) }
            .map { String($0.trimmingWhitespace) }
    }

    /// `HTTP/1.x SP 3DIGIT SP reason`; the reason may be empty or, leniently, missing with its space.
    private static func status(_ line: ArraySlice<UInt8>) throws(ResponseReadError) -> Int {
        let bytes = Array(line)
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard bytes.count >= 12, bytes.starts(with: "HTTP/1.".utf8), isDigit(bytes[7]), bytes[8] == UInt8(ascii: " "),
              bytes[9...11].allSatisfy(isDigit), bytes.count == 12 || bytes[12] == UInt8(ascii: " "),
              let status = Int(String(decoding: bytes[9...11], as: UTF8.self)), (100...599).contains(status)
        else { throw .malformed("status line \(ResponseReadError.quoted(line))") }
        return status
    }

    /// `name ":" OWS value OWS`, the name a token with no space before the colon (RFC 9112 §5.1).
    static func field(_ line: ArraySlice<UInt8>) throws(ResponseReadError) -> (name: String, value: String) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
              line[..<colon].allSatisfy(isTokenByte)
        else { throw .malformed("field line \(ResponseReadError.quoted(line))") }
        let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingWhitespace
        return (String(decoding: line[..<colon], as: UTF8.self).lowercased(), String(value))
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

fileprivate extension StringProtocol {
    /// Without leading and trailing spaces and tabs (OWS).
    var trimmingWhitespace: SubSequence {
        let isWhitespace = { (character: Character) in character == " " || character == "\t" }
        let start = firstIndex { !isWhitespace($0) } ?? endIndex
        let end = lastIndex { !isWhitespace($0) }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
