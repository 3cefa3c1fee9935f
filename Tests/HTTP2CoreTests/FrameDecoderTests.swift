import HTTP2Core
import Testing

@Suite("HTTP/2 frames")
struct FrameDecoderTests {
    private func decode(_ bytes: [UInt8], maxFrameSize: Int = 16_384) throws(HTTP2FrameError) -> [HTTP2Frame] {
        var decoder = FrameDecoder(maxFrameSize: maxFrameSize)
        bytes.withUnsafeBytes { decoder.append($0) }
        var frames: [HTTP2Frame] = []
        while let frame = try decoder.next() { frames.append(frame) }
        return frames
    }

    private func frame(_ type: UInt8, flags: UInt8 = 0, stream: UInt32, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count
        return [UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF), type, flags,
                UInt8(stream >> 24), UInt8(stream >> 16 & 0xFF), UInt8(stream >> 8 & 0xFF), UInt8(stream & 0xFF)] + payload
    }

    private func connectionError(_ bytes: [UInt8]) -> HTTP2ErrorCode? {
        do throws(HTTP2FrameError) {
            _ = try decode(bytes)
            return nil
        } catch {
            if case .connection(let failure) = error { return failure.code }
            return nil
        }
    }

    @Test("what the writer writes, the decoder reads back; split anywhere, the same frames")
    func roundTrip() throws {
        var output: [UInt8] = []
        FrameWriter.settings([(.maxConcurrentStreams, 100), (.initialWindowSize, 1 << 20)], into: &output)
        FrameWriter.settingsAck(into: &output)
        FrameWriter.pingAck(0x0102_0304_0506_0708, into: &output)
        FrameWriter.headers(1, block: Array(repeating: 0x82, count: 40_000), endStream: true, maxFrameSize: 16_384, into: &output)
        FrameWriter.dataHeader(3, length: 2, endStream: true, into: &output)
        output += [0x68, 0x69]
        FrameWriter.windowUpdate(0, increment: 1000, into: &output)
        FrameWriter.rstStream(5, code: .cancel, into: &output)
        FrameWriter.goAway(lastStreamID: 7, code: .enhanceYourCalm, debug: "calm", into: &output)
        let whole = try decode(output)
        #expect(whole.count == 10)
        #expect(whole[0] == .settings(ack: false, parameters: [(3, 100), (4, 1 << 20)]))
        #expect(whole[2] == .ping(ack: true, opaque: 0x0102_0304_0506_0708))
        #expect(whole[3] == .headers(streamID: 1, fragment: Array(repeating: 0x82, count: 16_384), endStream: true,
                                     endHeaders: false, dependsOn: nil))
        #expect(whole[5] == .continuation(streamID: 1, fragment: Array(repeating: 0x82, count: 40_000 - 32_768), endHeaders: true))
        #expect(whole[6] == .data(streamID: 3, payload: [0x68, 0x69], endStream: true, flowControlledLength: 2))
        #expect(whole[9] == .goAway(lastStreamID: 7, code: .enhanceYourCalm))
        for split in [1, 7, 9, 10, 100, 5000] {
            var decoder = FrameDecoder()
            var frames: [HTTP2Frame] = []
            for start in stride(from: 0, to: output.count, by: split) {
                output[start..<min(start + split, output.count)].withUnsafeBytes { decoder.append($0) }
                while let frame = try decoder.next() { frames.append(frame) }
            }
            #expect(frames == whole, "split every \(split) bytes")
        }
    }

    @Test("padding is removed; padding as long as the frame is a PROTOCOL_ERROR (RFC 9113 §6.1)")
    func padding() throws {
        let padded = frame(0, flags: 0x9, stream: 1, [2, 0x61, 0x62, 0, 0])
        #expect(try decode(padded) == [.data(streamID: 1, payload: [0x61, 0x62], endStream: true, flowControlledLength: 5)])
        #expect(connectionError(frame(0, flags: 0x8, stream: 1, [4, 0, 0, 0])) == .protocolError)
        #expect(connectionError(frame(1, flags: 0x8, stream: 1, [])) == .protocolError)
    }

    @Test("each frame's fixed rules: sizes, stream 0 or not, zero increments (RFC 9113 §6)")
    func fixedRules() {
        #expect(connectionError(frame(0, stream: 0, [1])) == .protocolError)
        #expect(connectionError(frame(1, flags: 0x4, stream: 0, [0x82])) == .protocolError)
        #expect(connectionError(frame(3, stream: 1, [0, 0, 0])) == .frameSizeError)
        #expect(connectionError(frame(3, stream: 0, [0, 0, 0, 8])) == .protocolError)
        #expect(connectionError(frame(4, stream: 1, [])) == .protocolError)
        #expect(connectionError(frame(4, flags: 1, stream: 0, [0, 0, 0, 0, 0, 0])) == .frameSizeError)
        #expect(connectionError(frame(4, stream: 0, [0, 0, 0, 0, 0])) == .frameSizeError)
        #expect(connectionError(frame(6, stream: 0, [1, 2, 3])) == .frameSizeError)
        #expect(connectionError(frame(6, stream: 1, Array(repeating: 0, count: 8))) == .protocolError)
        #expect(connectionError(frame(7, stream: 0, [0, 0, 0, 1])) == .frameSizeError)
        #expect(connectionError(frame(8, stream: 0, [0, 0, 0, 0])) == .protocolError)
        #expect(connectionError(frame(8, stream: 1, [0, 0, 1])) == .frameSizeError)
        #expect(connectionError(frame(9, stream: 0, [])) == .protocolError)
        #expect(connectionError(frame(0, stream: 1, Array(repeating: 0, count: 16_385))) == .frameSizeError)
    }

    @Test("stream-level faults are stream errors; unknown frame types are ignored (RFC 9113 §5.5)")
    func streamErrorsAndUnknown() throws {
        do {
            _ = try decode(frame(8, stream: 3, [0, 0, 0, 0]))
            Issue.record("a zero increment on a stream was accepted")
        } catch {
            #expect(error == .stream(HTTP2StreamError(streamID: 3, code: .protocolError, "WINDOW_UPDATE of 0")))
        }
        do {
            _ = try decode(frame(2, stream: 5, [0, 0, 0, 5, 16]))
            Issue.record("a self-dependency was accepted")
        } catch {
            if case .stream(let failure) = error { #expect(failure.code == .protocolError) } else { Issue.record("\(error)") }
        }
        #expect(try decode(frame(0xFA, stream: 1, [1, 2, 3])) == [.unknown(type: 0xFA, streamID: 1)])
        #expect(try decode(frame(2, stream: 5, [0x80, 0, 0, 3, 16])) == [.priority(streamID: 5, dependsOn: 3)])
    }

    @Test("settings values are validated (RFC 9113 §6.5.2); unknown identifiers are ignored")
    func settingsValues() throws {
        var settings = HTTP2Settings()
        try settings.apply(identifier: 0x4, value: 1 << 20)
        try settings.apply(identifier: 0x5, value: 1 << 20)
        try settings.apply(identifier: 0x99, value: 7)
        #expect(settings.initialWindowSize == 1 << 20 && settings.maxFrameSize == 1 << 20)
        #expect(throws: HTTP2ConnectionError.self) { try settings.apply(identifier: 0x2, value: 2) }
        #expect(throws: HTTP2ConnectionError(.flowControlError, "SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1")) {
            try settings.apply(identifier: 0x4, value: 1 << 31)
        }
        #expect(throws: HTTP2ConnectionError.self) { try settings.apply(identifier: 0x5, value: 100) }
    }
}
