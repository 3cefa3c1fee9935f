/// Frame types (RFC 9113 §6). Frames of other types are ignored (§4.1, §5.5).
public enum FrameType: UInt8, Sendable {
    case data = 0x0
    case headers = 0x1
    case priority = 0x2
    case rstStream = 0x3
    case settings = 0x4
    case pushPromise = 0x5
    case ping = 0x6
    case goAway = 0x7
    case windowUpdate = 0x8
    case continuation = 0x9
}

/// Frame flags (RFC 9113 §6); which apply depends on the type.
public struct FrameFlags: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// DATA, HEADERS.
    public static let endStream = FrameFlags(rawValue: 0x1)
    /// SETTINGS, PING.
    public static let ack = FrameFlags(rawValue: 0x1)
    /// HEADERS, PUSH_PROMISE, CONTINUATION.
    public static let endHeaders = FrameFlags(rawValue: 0x4)
    /// DATA, HEADERS, PUSH_PROMISE.
    public static let padded = FrameFlags(rawValue: 0x8)
    /// HEADERS.
    public static let priority = FrameFlags(rawValue: 0x20)
}
