/// A request method. Any token is syntactically valid (RFC 9110 §9.1); the common ones are
/// cases so routing compares enums, not strings.
public enum HTTPMethod: Sendable, Hashable, CustomStringConvertible {
    case get, head, post, put, delete, options, patch, connect, trace
    case other(String)

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self = MethodCode(bytes: bytes).method ?? .other(String(decoding: bytes, as: UTF8.self))
    }

    /// The method named `name`, e.g. as a log line or a recording wrote it.
    public init(_ name: String) {
        var name = name
        self = name.withUTF8 { HTTPMethod(bytes: $0) }
    }

    public var description: String {
        switch self {
        case .get: "GET"
        case .head: "HEAD"
        case .post: "POST"
        case .put: "PUT"
        case .delete: "DELETE"
        case .options: "OPTIONS"
        case .patch: "PATCH"
        case .connect: "CONNECT"
        case .trace: "TRACE"
        case .other(let name): name
        }
    }
}

/// A method as one byte: a known method, or `other`, whose name its holder keeps. A parsed head
/// and the server's request path hold this rather than an `HTTPMethod`, whose `.other` name made
/// every copy, compare and drop go through the name's witnesses.
public enum MethodCode: UInt8, Sendable {
    case get, head, post, put, delete, options, patch, connect, trace, other

    init(bytes: UnsafeBufferPointer<UInt8>) {
        switch bytes.count {
        case 3 where ASCII.equals(bytes, "GET"): self = .get
        case 3 where ASCII.equals(bytes, "PUT"): self = .put
        case 4 where ASCII.equals(bytes, "HEAD"): self = .head
        case 4 where ASCII.equals(bytes, "POST"): self = .post
        case 5 where ASCII.equals(bytes, "PATCH"): self = .patch
        case 5 where ASCII.equals(bytes, "TRACE"): self = .trace
        case 6 where ASCII.equals(bytes, "DELETE"): self = .delete
        case 7 where ASCII.equals(bytes, "OPTIONS"): self = .options
        case 7 where ASCII.equals(bytes, "CONNECT"): self = .connect
        default: self = .other
        }
    }

    /// The common methods read as one word from the start of a request line, with the length
    /// of the token (the space after it included in the word, or checked after it); nil for any
    /// other start, which the caller scans token byte by token byte.
    @inline(__always)
    static func common(atStartOf bytes: UnsafeBufferPointer<UInt8>) -> (code: MethodCode, length: Int)? {
        guard bytes.count >= 5 else { return nil }
        // Little-endian words of the ASCII bytes, so the constants read backwards.
        switch UInt32(littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(as: UInt32.self)) {
        case 0x2054_4547: return (.get, 3) // "GET "
        case 0x2054_5550: return (.put, 3) // "PUT "
        case 0x4441_4548 where bytes[4] == ByteClass.space: return (.head, 4) // "HEAD"
        case 0x5453_4F50 where bytes[4] == ByteClass.space: return (.post, 4) // "POST"
        default: return nil
        }
    }

    public init(_ method: HTTPMethod) {
        switch method {
        case .get: self = .get
        case .head: self = .head
        case .post: self = .post
        case .put: self = .put
        case .delete: self = .delete
        case .options: self = .options
        case .patch: self = .patch
        case .connect: self = .connect
        case .trace: self = .trace
        case .other: self = .other
        }
    }

    /// The method, or nil for `other`.
    public var method: HTTPMethod? {
        switch self {
        case .get: .get
        case .head: .head
        case .post: .post
        case .put: .put
        case .delete: .delete
        case .options: .options
        case .patch: .patch
        case .connect: .connect
        case .trace: .trace
        case .other: nil
        }
    }
}
