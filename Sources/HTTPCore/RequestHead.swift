/// How the body of a request is delimited (RFC 9112 §6.3).
public enum BodyFraming: Sendable, Equatable {
    case none
    case length(Int)
    case chunked
}

/// A parsed request line and header section. Method and target are ranges into the same
/// storage as the fields, so a head costs one byte copy however many fields it has.
public struct RequestHead: Sendable, Equatable {
    // Stored largest first, with offsets as 32 bits (the parser refuses heads past 2 GiB), so a
    // head is six words: it moves through every parse event and request hand-over.
    public let fields: HTTPFields
    public let framing: BodyFraming
    /// The method's byte; `method` reads another token's name from the start of the head's bytes.
    public let methodCode: MethodCode
    public let version: HTTPVersion
    /// Whether the connection may carry another request after this one (RFC 9112 §9.3):
    /// HTTP/1.1 persists unless `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public let keepAlive: Bool
    /// What the `Expect` field asks for (RFC 9110 §10.1.1).
    public let expectation: Expectation
    private let targetStart: Int32
    private let targetEnd: Int32
    /// Entry indices of the first `User-Agent` and `Referer`, or -1.
    private let userAgentEntry: Int32
    private let refererEntry: Int32

    var targetRange: Range<Int> { Int(targetStart)..<Int(targetEnd) }

    /// The head's bytes exactly as they arrived, from the request line to the blank line after the fields.
    public func withReceivedBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        fields.storage.withUnsafeBufferPointer(body)
    }

    public var method: HTTPMethod {
        // The request line starts the head's bytes: the method runs up to the space before the target.
        methodCode.method ?? .other(fields.string(0, targetRange.lowerBound - 1))
    }

    public var target: String { fields.string(targetRange.lowerBound, targetRange.upperBound) }

    /// The target's bytes and those of `User-Agent` and `Referer` (nil when absent) — what an
    /// access log line quotes — without building strings.
    public func withLoggedBytes<Result>(
        _ body: (_ target: UnsafeBufferPointer<UInt8>, _ userAgent: UnsafeBufferPointer<UInt8>?,
                 _ referer: UnsafeBufferPointer<UInt8>?) -> Result
    ) -> Result {
        fields.storage.withUnsafeBufferPointer { bytes in
            @inline(__always) func value(_ entry: Int32) -> UnsafeBufferPointer<UInt8>? {
                guard entry >= 0 else { return nil }
                let field = fields.entries[Int(entry)]
                return UnsafeBufferPointer(rebasing: bytes[Int(field.valueStart)..<Int(field.valueEnd)])
            }
            return body(UnsafeBufferPointer(rebasing: bytes[targetRange]), value(userAgentEntry), value(refererEntry))
        }
    }

    /// Parses one complete head (`"GET / HTTP/1.1\r\nHost: x\r\n\r\n"`), for code that has the
    /// whole head in hand rather than a byte stream.
    public init(parsing text: String, limits: ParserLimits = ParserLimits()) throws(HTTPParseError) {
        try self.init(parsing: Array(text.utf8), limits: limits)
    }

    /// The same from bytes (an HTTP/2 request's fields written as the head they stand for).
    public init(parsing bytes: [UInt8], limits: ParserLimits = ParserLimits()) throws(HTTPParseError) {
        self = try HeadParser(limits: limits).parse(bytes)
    }

    /// The target's path, without query (origin-form; for absolute-form, the path after the authority).
    public var path: String {
        fields.storage.withUnsafeBufferPointer { bytes in
            guard let range = pathRange(in: bytes) else { return "/" }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
    }

    /// `path`'s bytes, without a string: what a router matches, found once for all its routes.
    public func withPathBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        fields.storage.withUnsafeBufferPointer { bytes in
            guard let range = pathRange(in: bytes) else {
                let root: StaticString = "/"
                return body(UnsafeBufferPointer(start: root.utf8Start, count: root.utf8CodeUnitCount))
            }
            return body(UnsafeBufferPointer(rebasing: bytes[range]))
        }
    }

    /// Whether the target is the asterisk-form `*` (RFC 9112 §3.2.4).
    public var isAsteriskForm: Bool { targetRange.count == 1 && fields.storage[targetRange.lowerBound] == UInt8(ascii: "*") }

    /// The path's range in the head's bytes. origin-form: up to `?`; absolute-form: after
    /// `scheme://authority`, up to `?` (RFC 9112 §3.2.2); nil where the path is empty, which means `/`.
    /// The parser has checked the target's shape.
    private func pathRange(in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = targetRange.lowerBound
        let end = targetRange.upperBound
        if bytes[start] != UInt8(ascii: "/") {
            guard let colon = bytes[start..<end].firstIndex(of: ByteClass.colon), colon + 3 <= end else { return nil }
            start = bytes[(colon + 3)..<end].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? end
            guard start < end, bytes[start] == UInt8(ascii: "/") else { return nil }
        }
        return start..<(bytes[start..<end].firstIndex(of: UInt8(ascii: "?")) ?? end)
    }

    /// The query string after `?`, or empty.
    public var query: String {
        let bytes = fields.storage[targetRange]
        guard let mark = bytes.firstIndex(of: UInt8(ascii: "?")) else { return "" }
        return String(decoding: bytes[(mark + 1)...], as: UTF8.self)
    }

    public enum Expectation: Sendable { case none, `continue`, unsupported }

    init(method: MethodCode, version: HTTPVersion, fields: HTTPFields, framing: BodyFraming, targetRange: Range<Int>,
         known: KnownFields) {
        methodCode = method
        self.version = version
        self.fields = fields
        self.framing = framing
        targetStart = Int32(truncatingIfNeeded: targetRange.lowerBound)
        targetEnd = Int32(truncatingIfNeeded: targetRange.upperBound)
        userAgentEntry = Int32(truncatingIfNeeded: known.userAgent)
        refererEntry = Int32(truncatingIfNeeded: known.referer)
        if fields.containsToken("close", at: known.connection) {
            keepAlive = false
        } else {
            keepAlive = version == .http11 || fields.containsToken("keep-alive", at: known.connection)
        }
        switch known.expect.count {
        case 0: expectation = .none
        case 1 where fields.containsToken("100-continue", at: known.expect) && fields.listCount(at: known.expect.firstIndex) == 1:
            expectation = .continue
        default: expectation = .unsupported
        }
    }
}
