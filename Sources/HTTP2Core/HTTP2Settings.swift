/// SETTINGS parameters (RFC 9113 §6.5.2), with their initial values. Unknown identifiers are
/// ignored (§6.5.2), so a peer's newer settings do not break the connection.
public struct HTTP2Settings: Sendable, Equatable {
    public enum Identifier: UInt16, Sendable {
        case headerTableSize = 0x1
        case enablePush = 0x2
        case maxConcurrentStreams = 0x3
        case initialWindowSize = 0x4
        case maxFrameSize = 0x5
        case maxHeaderListSize = 0x6
    }

    public static let defaultWindowSize = 65_535
    public static let maxWindowSize = 0x7FFF_FFFF
    public static let minFrameSize = 16_384
    public static let maxFrameSizeLimit = 16_777_215

    public var headerTableSize = 4096
    public var enablePush = true
    /// nil: unlimited.
    public var maxConcurrentStreams: Int?
    public var initialWindowSize = HTTP2Settings.defaultWindowSize
    public var maxFrameSize = HTTP2Settings.minFrameSize
    /// nil: unlimited.
    public var maxHeaderListSize: Int?

    public init() {}

    /// Applies one received parameter, validating its value (§6.5.2).
    public mutating func apply(identifier: UInt16, value: UInt32) throws(HTTP2ConnectionError) {
        guard let known = Identifier(rawValue: identifier) else { return }
        switch known {
        case .headerTableSize: headerTableSize = Int(value)
        case .enablePush:
            guard value <= 1 else { throw HTTP2ConnectionError(.protocolError, "SETTINGS_ENABLE_PUSH must be 0 or 1") }
            enablePush = value == 1
        case .maxConcurrentStreams: maxConcurrentStreams = Int(value)
        case .initialWindowSize:
            guard value <= UInt32(Self.maxWindowSize) else {
                throw HTTP2ConnectionError(.flowControlError, "SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1")
            }
            initialWindowSize = Int(value)
        case .maxFrameSize:
            guard (UInt32(Self.minFrameSize)...UInt32(Self.maxFrameSizeLimit)).contains(value) else {
                throw HTTP2ConnectionError(.protocolError, "SETTINGS_MAX_FRAME_SIZE outside 16384...16777215")
            }
            maxFrameSize = Int(value)
        case .maxHeaderListSize: maxHeaderListSize = Int(value)
        }
    }
}
