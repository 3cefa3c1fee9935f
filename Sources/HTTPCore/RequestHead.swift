/// How the body of a request is delimited (RFC 9112 §6.3).
public enum BodyFraming: Sendable, Equatable {
    case none
    case length(Int)
    case chunked
}

/// A parsed request line and header section. Method and target are ranges into the same
/// storage as the fields, so a head costs one byte copy however many fields it has.
public struct RequestHead: Sendable, Equatable {
    public let method: HTTPMethod
    public let version: HTTPVersion
    public let fields: HTTPFields
    public let framing: BodyFraming
    let targetRange: Range<Int>

    public var target: String { fields.string(targetRange.lowerBound, targetRange.upperBound) }

    /// The target's path, without query (origin-form; for absolute-form, the path after the authority).
    public var path: String {
        var bytes = fields.storage[targetRange]
        if bytes.first != UInt8(ascii: "/") {
            // absolute-form: skip "scheme://authority"; the parser has checked its shape.
            guard let colon = bytes.firstIndex(of: ByteClass.colon) else { return "/" }
            bytes = bytes[(colon + 3)...]
            guard let slash = bytes.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) else {
                return "/"
            }
            bytes = bytes[slash...]
            if bytes.first != UInt8(ascii: "/") { return "/" }
        }
        let end = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// The query string after `?`, or empty.
    public var query: String {
        let bytes = fields.storage[targetRange]
        guard let mark = bytes.firstIndex(of: UInt8(ascii: "?")) else { return "" }
        return String(decoding: bytes[(mark + 1)...], as: UTF8.self)
    }

    /// Whether the connection may carry another request after this one (RFC 9112 §9.3):
    /// HTTP/1.1 persists unless `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public let keepAlive: Bool

    /// What the `Expect` field asks for (RFC 9110 §10.1.1).
    public let expectation: Expectation

    public enum Expectation: Sendable { case none, `continue`, unsupported }

    init(method: HTTPMethod, version: HTTPVersion, fields: HTTPFields, framing: BodyFraming, targetRange: Range<Int>,
         known: KnownFields) {
        self.method = method
        self.version = version
        self.fields = fields
        self.framing = framing
        self.targetRange = targetRange
        if fields.containsToken("close", at: known.connection) {
            keepAlive = false
        } else {
            keepAlive = version == .http11 || fields.containsToken("keep-alive", at: known.connection)
        }
        switch known.expect.count {
        case 0: expectation = .none
        case 1 where fields.containsToken("100-continue", at: known.expect) && fields.listCount(at: known.expect[0]) == 1:
            expectation = .continue
        default: expectation = .unsupported
        }
    }
}
