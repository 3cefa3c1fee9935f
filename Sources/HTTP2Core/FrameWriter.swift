/// Appends the frames a server sends (RFC 9113 §6) to an output buffer.
public enum FrameWriter {
    /// The 24 bytes every client connection starts with (§3.4).
    public static let clientPreface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    public static func settings(_ parameters: [(HTTP2Settings.Identifier, UInt32)], into output: inout [UInt8]) {
        FrameHeader(length: parameters.count * 6, type: .settings, streamID: 0).write(into: &output)
        for (identifier, value) in parameters {
            FrameBytes.append(identifier.rawValue, to: &output)
            FrameBytes.append(value, to: &output)
        }
    }

    public static func settingsAck(into output: inout [UInt8]) {
        FrameHeader(length: 0, type: .settings, flags: .ack, streamID: 0).write(into: &output)
    }

    public static func pingAck(_ opaque: UInt64, into output: inout [UInt8]) {
        FrameHeader(length: 8, type: .ping, flags: .ack, streamID: 0).write(into: &output)
        FrameBytes.append(UInt32(truncatingIfNeeded: opaque >> 32), to: &output)
        FrameBytes.append(UInt32(truncatingIfNeeded: opaque), to: &output)
    }

    public static func goAway(lastStreamID: UInt32, code: HTTP2ErrorCode, debug: String = "", into output: inout [UInt8]) {
        let debugBytes = Array(debug.utf8.prefix(256))
        FrameHeader(length: 8 + debugBytes.count, type: .goAway, streamID: 0).write(into: &output)
        FrameBytes.append(lastStreamID & 0x7FFF_FFFF, to: &output)
        FrameBytes.append(code.rawValue, to: &output)
        output.append(contentsOf: debugBytes)
    }

    public static func rstStream(_ streamID: UInt32, code: HTTP2ErrorCode, into output: inout [UInt8]) {
        FrameHeader(length: 4, type: .rstStream, streamID: streamID).write(into: &output)
        FrameBytes.append(code.rawValue, to: &output)
    }

    public static func windowUpdate(_ streamID: UInt32, increment: UInt32, into output: inout [UInt8]) {
        FrameHeader(length: 4, type: .windowUpdate, streamID: streamID).write(into: &output)
        FrameBytes.append(increment & 0x7FFF_FFFF, to: &output)
    }

    /// A header block, split into HEADERS and CONTINUATION frames of at most `maxFrameSize` bytes.
    public static func headers(_ streamID: UInt32, block: [UInt8], endStream: Bool, maxFrameSize: Int,
                               into output: inout [UInt8]) {
        var offset = 0
        var first = true
        repeat {
            let piece = min(maxFrameSize, block.count - offset)
            let last = offset + piece == block.count
            var flags: FrameFlags = last ? .endHeaders : []
            if first && endStream { flags.insert(.endStream) }
            FrameHeader(length: piece, type: first ? .headers : .continuation, flags: flags, streamID: streamID)
                .write(into: &output)
            output.append(contentsOf: block[offset..<(offset + piece)])
            offset += piece
            first = false
        } while offset < block.count
    }

    /// One DATA frame's header; its `length` payload bytes follow (from memory or a file).
    public static func dataHeader(_ streamID: UInt32, length: Int, endStream: Bool, into output: inout [UInt8]) {
        FrameHeader(length: length, type: .data, flags: endStream ? .endStream : [], streamID: streamID).write(into: &output)
    }
}
