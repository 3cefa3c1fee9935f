/// Why a frame could not be taken: an error of the whole connection, or of one stream.
public enum HTTP2FrameError: Error, Sendable, Equatable {
    case connection(HTTP2ConnectionError)
    case stream(HTTP2StreamError)
}

/// Cuts received bytes into frames and checks what each frame's own bytes must satisfy (RFC
/// 9113 §4, §6): sizes, stream 0 or not, padding. Sans-I/O: bytes in, frames out.
public struct FrameDecoder: Sendable {
    /// Our SETTINGS_MAX_FRAME_SIZE: a larger frame is a FRAME_SIZE_ERROR (§4.2).
    public let maxFrameSize: Int
    private var buffer: [UInt8] = []
    private var start = 0
    /// The header of the frame `next()` returned last, as it arrived (for a view of the frames).
    public private(set) var lastHeader: FrameHeader?

    public init(maxFrameSize: Int = HTTP2Settings.minFrameSize) {
        self.maxFrameSize = maxFrameSize
    }

    public var bufferedByteCount: Int { buffer.count - start }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next whole frame, or nil until more bytes arrive.
    public mutating func next() throws(HTTP2FrameError) -> HTTP2Frame? {
        guard bufferedByteCount >= FrameHeader.size else { return nil }
        let header = buffer.withUnsafeBytes { FrameHeader(UnsafeRawBufferPointer(rebasing: $0[start..<(start + FrameHeader.size)])) }
        // §4.2: checked on the header, before the payload is waited for.
        guard header.length <= maxFrameSize else {
            throw .connection(HTTP2ConnectionError(.frameSizeError, "a frame of \(header.length) bytes, above SETTINGS_MAX_FRAME_SIZE"))
        }
        guard bufferedByteCount >= FrameHeader.size + header.length else { return nil }
        let payloadStart = start + FrameHeader.size
        start = payloadStart + header.length
        lastHeader = header
        let result = buffer.withUnsafeBytes { bytes in
            Result { () throws(HTTP2FrameError) in
                try Self.frame(header, payload: UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<(payloadStart + header.length)]))
            }
        }
        return try result.get()
    }

    static func frame(_ header: FrameHeader, payload: UnsafeRawBufferPointer) throws(HTTP2FrameError) -> HTTP2Frame {
        let stream = header.streamID
        guard let type = FrameType(rawValue: header.type) else { return .unknown(type: header.type, streamID: stream) }
        func connectionError(_ code: HTTP2ErrorCode, _ reason: String) -> HTTP2FrameError {
            .connection(HTTP2ConnectionError(code, reason))
        }
        switch type {
        case .data:
            guard stream != 0 else { throw connectionError(.protocolError, "DATA on stream 0") }
            let body = try unpadded(payload, header)
            return .data(streamID: stream, payload: Array(body), endStream: header.flags.contains(.endStream),
                         flowControlledLength: header.length)
        case .headers:
            guard stream != 0 else { throw connectionError(.protocolError, "HEADERS on stream 0") }
            var block = try unpadded(payload, header)
            var dependsOn: UInt32?
            if header.flags.contains(.priority) {
                guard block.count >= 5 else { throw connectionError(.frameSizeError, "HEADERS too short for its priority") }
                let dependency = FrameBytes.uint32(block, at: 0) & 0x7FFF_FFFF
                // §5.3.1: a stream cannot depend on itself.
                guard dependency != stream else {
                    throw .stream(HTTP2StreamError(streamID: stream, code: .protocolError, "a stream depending on itself"))
                }
                dependsOn = dependency
                block = UnsafeRawBufferPointer(rebasing: block[5...])
            }
            return .headers(streamID: stream, fragment: Array(block), endStream: header.flags.contains(.endStream),
                            endHeaders: header.flags.contains(.endHeaders), dependsOn: dependsOn)
        case .priority:
            guard stream != 0 else { throw connectionError(.protocolError, "PRIORITY on stream 0") }
            guard header.length == 5 else {
                throw .stream(HTTP2StreamError(streamID: stream, code: .frameSizeError, "PRIORITY of \(header.length) bytes"))
            }
            let dependency = FrameBytes.uint32(payload, at: 0) & 0x7FFF_FFFF
            guard dependency != stream else {
                throw .stream(HTTP2StreamError(streamID: stream, code: .protocolError, "a stream depending on itself"))
            }
            return .priority(streamID: stream, dependsOn: dependency)
        case .rstStream:
            guard stream != 0 else { throw connectionError(.protocolError, "RST_STREAM on stream 0") }
            guard header.length == 4 else { throw connectionError(.frameSizeError, "RST_STREAM of \(header.length) bytes") }
            return .rstStream(streamID: stream, code: HTTP2ErrorCode(rawValue: FrameBytes.uint32(payload, at: 0)))
        case .settings:
            guard stream == 0 else { throw connectionError(.protocolError, "SETTINGS on stream \(stream)") }
            if header.flags.contains(.ack) {
                guard header.length == 0 else { throw connectionError(.frameSizeError, "a SETTINGS ack with a payload") }
                return .settings(ack: true, parameters: [])
            }
            guard header.length % 6 == 0 else { throw connectionError(.frameSizeError, "SETTINGS not a multiple of 6 bytes") }
            let parameters = stride(from: 0, to: header.length, by: 6).map { offset in
                (identifier: FrameBytes.uint16(payload, at: offset), value: FrameBytes.uint32(payload, at: offset + 2))
            }
            return .settings(ack: false, parameters: parameters)
        case .pushPromise:
            // §8.4: only servers push; a client's PUSH_PROMISE is the connection's error (checked above it).
            return .pushPromise(streamID: stream)
        case .ping:
            guard stream == 0 else { throw connectionError(.protocolError, "PING on stream \(stream)") }
            guard header.length == 8 else { throw connectionError(.frameSizeError, "PING of \(header.length) bytes") }
            let opaque = UInt64(FrameBytes.uint32(payload, at: 0)) << 32 | UInt64(FrameBytes.uint32(payload, at: 4))
            return .ping(ack: header.flags.contains(.ack), opaque: opaque)
        case .goAway:
            guard stream == 0 else { throw connectionError(.protocolError, "GOAWAY on stream \(stream)") }
            guard header.length >= 8 else { throw connectionError(.frameSizeError, "GOAWAY of \(header.length) bytes") }
            return .goAway(lastStreamID: FrameBytes.uint32(payload, at: 0) & 0x7FFF_FFFF,
                           code: HTTP2ErrorCode(rawValue: FrameBytes.uint32(payload, at: 4)))
        case .windowUpdate:
            guard header.length == 4 else { throw connectionError(.frameSizeError, "WINDOW_UPDATE of \(header.length) bytes") }
            let increment = FrameBytes.uint32(payload, at: 0) & 0x7FFF_FFFF
            // §6.9: a zero increment is an error of the flow-control window it names.
            if increment == 0 {
                if stream == 0 { throw connectionError(.protocolError, "WINDOW_UPDATE of 0 on the connection") }
                throw .stream(HTTP2StreamError(streamID: stream, code: .protocolError, "WINDOW_UPDATE of 0"))
            }
            return .windowUpdate(streamID: stream, increment: increment)
        case .continuation:
            guard stream != 0 else { throw connectionError(.protocolError, "CONTINUATION on stream 0") }
            return .continuation(streamID: stream, fragment: Array(payload), endHeaders: header.flags.contains(.endHeaders))
        }
    }

    /// The payload without its Pad Length byte and padding (§6.1, §6.2).
    private static func unpadded(_ payload: UnsafeRawBufferPointer, _ header: FrameHeader) throws(HTTP2FrameError)
        -> UnsafeRawBufferPointer {
        guard header.flags.contains(.padded) else { return payload }
        guard let padLength = payload.first.map(Int.init), padLength < payload.count else {
            throw .connection(HTTP2ConnectionError(.protocolError, "padding as long as the frame"))
        }
        return UnsafeRawBufferPointer(rebasing: payload[1..<(payload.count - padLength)])
    }
}
