/// A frame as the server reads it (RFC 9113 §6), its fixed-size fields already checked and
/// padding removed. What is a stream- or connection-level error in context (an idle stream, a
/// window overflow) is the connection's to decide.
public enum HTTP2Frame: Sendable, Equatable {
    case data(streamID: UInt32, payload: [UInt8], endStream: Bool, flowControlledLength: Int)
    /// A HEADERS frame; `endHeaders` false means CONTINUATION frames follow with the rest of the block.
    case headers(streamID: UInt32, fragment: [UInt8], endStream: Bool, endHeaders: Bool, dependsOn: UInt32?)
    case priority(streamID: UInt32, dependsOn: UInt32)
    case rstStream(streamID: UInt32, code: HTTP2ErrorCode)
    case settings(ack: Bool, parameters: [(identifier: UInt16, value: UInt32)])
    case pushPromise(streamID: UInt32)
    case ping(ack: Bool, opaque: UInt64)
    case goAway(lastStreamID: UInt32, code: HTTP2ErrorCode)
    case windowUpdate(streamID: UInt32, increment: UInt32)
    case continuation(streamID: UInt32, fragment: [UInt8], endHeaders: Bool)
    /// A frame of a type this server does not know; ignored (§5.5).
    case unknown(type: UInt8, streamID: UInt32)

    public static func == (lhs: HTTP2Frame, rhs: HTTP2Frame) -> Bool {
        switch (lhs, rhs) {
        case let (.settings(a, p), .settings(b, q)):
            a == b && p.count == q.count && zip(p, q).allSatisfy { $0.identifier == $1.identifier && $0.value == $1.value }
        case let (.data(a, b, c, d), .data(e, f, g, h)): a == e && b == f && c == g && d == h
        case let (.headers(a, b, c, d, e), .headers(f, g, h, i, j)): a == f && b == g && c == h && d == i && e == j
        case let (.priority(a, b), .priority(c, d)): a == c && b == d
        case let (.rstStream(a, b), .rstStream(c, d)): a == c && b == d
        case let (.pushPromise(a), .pushPromise(b)): a == b
        case let (.ping(a, b), .ping(c, d)): a == c && b == d
        case let (.goAway(a, b), .goAway(c, d)): a == c && b == d
        case let (.windowUpdate(a, b), .windowUpdate(c, d)): a == c && b == d
        case let (.continuation(a, b, c), .continuation(d, e, f)): a == d && b == e && c == f
        case let (.unknown(a, b), .unknown(c, d)): a == c && b == d
        default: false
        }
    }
}

/// A frame whose shape is wrong in a way that concerns only its stream (RFC 9113 §5.4.2): the
/// stream is reset with `code`; the connection goes on.
public struct HTTP2StreamError: Error, Sendable, Equatable {
    public let streamID: UInt32
    public let code: HTTP2ErrorCode
    public let reason: String
    public init(streamID: UInt32, code: HTTP2ErrorCode, _ reason: String) {
        self.streamID = streamID
        self.code = code
        self.reason = reason
    }
}
