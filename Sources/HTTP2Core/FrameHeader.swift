/// The nine bytes before every frame's payload (RFC 9113 §4.1): 24-bit length, type, flags,
/// a reserved bit and the 31-bit stream identifier.
public struct FrameHeader: Sendable, Equatable {
    public static let size = 9

    public var length: Int
    /// The raw type: unknown types are read (and skipped) too.
    public var type: UInt8
    public var flags: FrameFlags
    public var streamID: UInt32

    public init(length: Int, type: FrameType, flags: FrameFlags = [], streamID: UInt32) {
        self.init(length: length, rawType: type.rawValue, flags: flags, streamID: streamID)
    }

    init(length: Int, rawType: UInt8, flags: FrameFlags, streamID: UInt32) {
        self.length = length
        self.type = rawType
        self.flags = flags
        self.streamID = streamID
    }

    /// Reads a header from the first nine bytes; the reserved bit is ignored (§4.1).
    public init(_ bytes: UnsafeRawBufferPointer) {
        length = Int(bytes[0]) << 16 | Int(bytes[1]) << 8 | Int(bytes[2])
        type = bytes[3]
        flags = FrameFlags(rawValue: bytes[4])
        streamID = FrameBytes.uint32(bytes, at: 5) & 0x7FFF_FFFF
    }

    public func write(into output: inout [UInt8]) {
        output.append(UInt8(truncatingIfNeeded: length >> 16))
        output.append(UInt8(truncatingIfNeeded: length >> 8))
        output.append(UInt8(truncatingIfNeeded: length))
        output.append(type)
        output.append(flags.rawValue)
        FrameBytes.append(streamID & 0x7FFF_FFFF, to: &output)
    }
}

/// Big-endian integers in frame payloads.
enum FrameBytes {
    static func uint32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    static func uint16(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    static func append(_ value: UInt32, to output: inout [UInt8]) {
        output.append(UInt8(truncatingIfNeeded: value >> 24))
        output.append(UInt8(truncatingIfNeeded: value >> 16))
        output.append(UInt8(truncatingIfNeeded: value >> 8))
        output.append(UInt8(truncatingIfNeeded: value))
    }

    static func append(_ value: UInt16, to output: inout [UInt8]) {
        output.append(UInt8(truncatingIfNeeded: value >> 8))
        output.append(UInt8(truncatingIfNeeded: value))
    }
}
