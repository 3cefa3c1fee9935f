import HPACK
import HTTP2Core
import HTTPCore

/// What each frame from the client does (RFC 9113 §5, §6).
extension HTTP2Connection {
    /// Takes frames while output has room and nothing is being sent from a file.
    mutating func processFrames(now: UInt64) {
        while closeReason == nil, prefaceRemaining == 0, fileFrame == nil, output.unsentCount < outputCap {
            do throws(HTTP2FrameError) {
                guard let frame = try frames.next() else { break }
                noteReceivedFrame()
                try handle(frame, now: now)
            } catch {
                switch error {
                case .connection(let failure): fail(failure, now: now)
                case .stream(let failure): resetStream(failure.streamID, failure.code, now: now)
                }
            }
        }
        pump(now: now)
    }

    private mutating func handle(_ frame: HTTP2Frame, now: UInt64) throws(HTTP2FrameError) {
        if !sawClientSettings {
            // §3.4: the client's preface ends with a SETTINGS frame.
            guard case .settings(false, _) = frame else { throw protocolError("the first frame is not SETTINGS") }
            sawClientSettings = true
        }
        if let block = headerBlock {
            // §6.10: nothing may come between HEADERS and the CONTINUATION that ends its block.
            guard case .continuation(let id, let fragment, let endHeaders) = frame, id == block.streamID else {
                throw protocolError("a frame inside a header block")
            }
            guard block.frames < 64, block.bytes.count + fragment.count <= headerBlockLimit else {
                throw .connection(HTTP2ConnectionError(.enhanceYourCalm, "a header block too large"))
            }
            headerBlock!.bytes += fragment
            headerBlock!.frames += 1
            if endHeaders {
                let complete = headerBlock!
                headerBlock = nil
                try headersComplete(complete.streamID, block: complete.bytes, endStream: complete.endStream, now: now)
            }
            return
        }
        switch frame {
        case .headers(let id, let fragment, let endStream, let endHeaders, _):
            guard fragment.count <= headerBlockLimit else {
                throw .connection(HTTP2ConnectionError(.enhanceYourCalm, "a header block too large"))
            }
            if endHeaders {
                try headersComplete(id, block: fragment, endStream: endStream, now: now)
            } else {
                headerBlock = (id, fragment, endStream, 1, now)
            }
        case .continuation:
            throw protocolError("CONTINUATION without HEADERS")
        case .data(let id, let payload, let endStream, let length):
            try data(id, payload: payload, endStream: endStream, flowControlledLength: length, now: now)
        case .priority:
            break // §5.3.2: priority signals are parsed and ignored.
        case .rstStream(let id, _):
            guard id <= highestStreamID else { throw protocolError("RST_STREAM on an idle stream") }
            if let stream = streams[id] {
                if !stream.isAnswered {
                    resetsLeft -= 1
                    if resetsLeft <= 0 {
                        throw .connection(HTTP2ConnectionError(.enhanceYourCalm, "too many streams reset before their answer"))
                    }
                }
                drop(id)
            }
        case .settings(let ack, let parameters):
            if !ack { try applySettings(parameters) }
        case .pushPromise:
            throw protocolError("PUSH_PROMISE from a client")
        case .ping(let ack, let opaque):
            if !ack {
                let mark = output.bytes.count
                FrameWriter.pingAck(opaque, into: &output.bytes)
                noteSentFrames(from: mark)
            }
        case .goAway:
            goAwayReceived = true
        case .windowUpdate(let id, let increment):
            try windowUpdate(id, increment: Int(increment))
        case .unknown:
            break
        }
    }

    /// A header block's bound while it arrives: what the decoded list may hold, plus room for its encoding.
    private var headerBlockLimit: Int { settings.limits.maxRequestLineBytes + settings.limits.maxHeaderBytes + 16 * 1024 }

    private func protocolError(_ reason: String) -> HTTP2FrameError {
        .connection(HTTP2ConnectionError(.protocolError, reason))
    }

    private mutating func headersComplete(_ id: UInt32, block: [UInt8], endStream: Bool, now: UInt64) throws(HTTP2FrameError) {
        var tooLarge = false
        let fields: [HPACKField]
        do {
            fields = try decoder.decode(block)
        } catch {
            // The table stays in step after this one (RFC 7541 §4): only the stream is refused.
            guard error == .headerListTooLarge else {
                throw .connection(HTTP2ConnectionError(.compressionError, "header block: \(error)"))
            }
            fields = []
            tooLarge = true
        }
        if var stream = streams[id] {
            // §8.1: a second header block is the trailers, which end the stream.
            guard !stream.remoteClosed else {
                throw .connection(HTTP2ConnectionError(.streamClosed, "HEADERS after END_STREAM"))
            }
            guard endStream else {
                throw .stream(HTTP2StreamError(streamID: id, code: .protocolError, "trailers without END_STREAM"))
            }
            stream.remoteClosed = true
            streams[id] = stream
            return try requestEnded(id)
        }
        guard id % 2 == 1 else { throw protocolError("a stream opened with an even identifier") }
        guard id > highestStreamID else {
            throw .connection(HTTP2ConnectionError(.streamClosed, "HEADERS on a closed stream"))
        }
        highestStreamID = id
        guard !goAwaySent else { return resetStream(id, .refusedStream, now: now) }
        guard streams.count < Self.maxConcurrentStreams else { return resetStream(id, .refusedStream, now: now) }
        var stream = HTTP2Stream(id: id, sequence: nextSequence, headAt: now, sendWindow: peer.initialWindowSize,
                                 receiveWindow: Self.receiveWindow)
        nextSequence += 1
        stream.remoteClosed = endStream
        let outcome = tooLarge ? .refused(status: 431, reason: "header list too large")
            : HTTP2RequestFields.parse(fields, limits: settings.limits)
        switch outcome {
        case .malformed(let reason):
            throw .stream(HTTP2StreamError(streamID: id, code: .protocolError, reason))
        case .refused(let status, let reason):
            publisher.counters.countRejection(status: status, reason: reason)
            stream.resetWhenAnswered = !endStream
            streams[id] = stream
            begin(.rejection(status), on: id, now: now)
        case .head(let head, let declaredLength):
            publisher.publishDetail(.requestHead(connection: info.id, sequence: stream.sequence, method: head.method.description,
                                                 target: head.target, at: stamp(now)))
            if publisher.keepsHeads {
                publisher.table.recentExchanges.recordRequest(connection: info.id, sequence: stream.sequence, head: head)
            }
            stream.head = head
            stream.declaredLength = declaredLength
            streams[id] = stream
            if endStream { try requestEnded(id) }
        }
    }

    private mutating func requestEnded(_ id: UInt32) throws(HTTP2FrameError) {
        guard let stream = streams[id] else { return }
        // §8.1.1: a content-length that the DATA does not add up to makes the request malformed.
        if let declared = stream.declaredLength, declared != stream.body.count {
            throw .stream(HTTP2StreamError(streamID: id, code: .protocolError, "content-length does not match the DATA"))
        }
        if stream.head != nil, case .awaitingHandler = stream.source { ready.append(id) }
    }

    private mutating func data(_ id: UInt32, payload: [UInt8], endStream: Bool, flowControlledLength: Int,
                               now: UInt64) throws(HTTP2FrameError) {
        // §6.9: every DATA frame counts against the connection's window, whatever its stream.
        connectionReceiveWindow -= flowControlledLength
        guard connectionReceiveWindow >= 0 else {
            throw .connection(HTTP2ConnectionError(.flowControlError, "DATA beyond the connection window"))
        }
        connectionUnacknowledged += flowControlledLength
        if connectionUnacknowledged >= Self.receiveWindow / 2 {
            let mark = output.bytes.count
            FrameWriter.windowUpdate(0, increment: UInt32(connectionUnacknowledged), into: &output.bytes)
            noteSentFrames(from: mark)
            connectionReceiveWindow += connectionUnacknowledged
            connectionUnacknowledged = 0
        }
        guard var stream = streams[id] else {
            guard id <= highestStreamID else { throw protocolError("DATA on an idle stream") }
            if closedByUs.contains(id) { return }
            throw .stream(HTTP2StreamError(streamID: id, code: .streamClosed, "DATA on a closed stream"))
        }
        guard !stream.remoteClosed else {
            throw .stream(HTTP2StreamError(streamID: id, code: .streamClosed, "DATA after END_STREAM"))
        }
        stream.receiveWindow -= flowControlledLength
        guard stream.receiveWindow >= 0 else {
            throw .stream(HTTP2StreamError(streamID: id, code: .flowControlError, "DATA beyond the stream window"))
        }
        if payload.isEmpty && !endStream {
            emptyFramesLeft -= 1
            if emptyFramesLeft <= 0 { throw .connection(HTTP2ConnectionError(.enhanceYourCalm, "too many empty DATA frames")) }
        }
        stream.remoteClosed = endStream
        guard stream.head != nil else {
            // A refused request: its body is not kept.
            streams[id] = stream
            return
        }
        guard stream.body.count + payload.count <= settings.limits.maxBodyBytes else {
            stream.resetWhenAnswered = !endStream
            stream.head = nil
            streams[id] = stream
            publisher.counters.countRejection(status: 413, reason: "body too large")
            begin(.rejection(413), on: id, now: now)
            return
        }
        stream.body += payload
        stream.unacknowledged += flowControlledLength
        if !endStream && stream.unacknowledged >= Self.receiveWindow / 2 {
            let mark = output.bytes.count
            FrameWriter.windowUpdate(id, increment: UInt32(stream.unacknowledged), into: &output.bytes)
            noteSentFrames(from: mark)
            stream.receiveWindow += stream.unacknowledged
            stream.unacknowledged = 0
        }
        streams[id] = stream
        if endStream { try requestEnded(id) }
    }

    private mutating func applySettings(_ parameters: [(identifier: UInt16, value: UInt32)]) throws(HTTP2FrameError) {
        let oldWindow = peer.initialWindowSize
        for parameter in parameters {
            do throws(HTTP2ConnectionError) {
                try peer.apply(identifier: parameter.identifier, value: parameter.value)
            } catch {
                throw .connection(error)
            }
        }
        // §6.9.2: a new initial window size moves every open stream's window by the difference.
        let delta = peer.initialWindowSize - oldWindow
        if delta != 0 {
            for id in Array(streams.keys) {
                streams[id]!.sendWindow += delta
                guard streams[id]!.sendWindow <= HTTP2Settings.maxWindowSize else {
                    throw .connection(HTTP2ConnectionError(.flowControlError, "a stream window above 2^31-1"))
                }
            }
        }
        encoder.setMaxTableSize(peer.headerTableSize)
        let mark = output.bytes.count
        FrameWriter.settingsAck(into: &output.bytes)
        noteSentFrames(from: mark)
    }

    private mutating func windowUpdate(_ id: UInt32, increment: Int) throws(HTTP2FrameError) {
        // The reader is reading: the stall's clock starts again if the window shuts again.
        windowStalledSince = nil
        if id == 0 {
            connectionSendWindow += increment
            guard connectionSendWindow <= HTTP2Settings.maxWindowSize else {
                throw .connection(HTTP2ConnectionError(.flowControlError, "the connection window above 2^31-1"))
            }
            return
        }
        guard id <= highestStreamID else { throw protocolError("WINDOW_UPDATE on an idle stream") }
        guard streams[id] != nil else { return }
        streams[id]!.sendWindow += increment
        guard streams[id]!.sendWindow <= HTTP2Settings.maxWindowSize else {
            throw .stream(HTTP2StreamError(streamID: id, code: .flowControlError, "a stream window above 2^31-1"))
        }
    }

    // MARK: Errors

    /// A connection error (§5.4.1): GOAWAY with the code, then close once it is written.
    mutating func fail(_ error: HTTP2ConnectionError, now: UInt64) {
        guard closeReason == nil else { return }
        for id in Array(streams.keys) { drop(id) }
        ready.removeAll()
        headerBlock = nil
        publisher.counters.countRejection(status: 400, reason: "HTTP/2 \(error.code): \(error.reason)")
        let mark = output.bytes.count
        FrameWriter.goAway(lastStreamID: highestStreamID, code: error.code, debug: error.reason, into: &output.bytes)
        noteSentFrames(from: mark)
        goAwaySent = true
        closeReason = .rejected
    }

    /// A stream error (§5.4.2): RST_STREAM with the code; the connection goes on.
    mutating func resetStream(_ id: UInt32, _ code: HTTP2ErrorCode, now: UInt64) {
        let mark = output.bytes.count
        FrameWriter.rstStream(id, code: code, into: &output.bytes)
        noteSentFrames(from: mark)
        drop(id)
        remember(id)
    }

    mutating func goAway(_ code: HTTP2ErrorCode, now: UInt64) {
        let mark = output.bytes.count
        FrameWriter.goAway(lastStreamID: highestStreamID, code: code, into: &output.bytes)
        noteSentFrames(from: mark)
        goAwaySent = true
    }

    /// Forgets a stream, closing a file it held.
    mutating func drop(_ id: UInt32) {
        guard let stream = streams.removeValue(forKey: id) else { return }
        switch stream.source {
        case .file(let file, _, _): filesToClose.append(file.fd)
        case .stream(let body): body.cancel()
        case .delayed(let response):
            if let fd = response.openFile { filesToClose.append(fd) }
            response.bodyStream?.cancel()
        case .awaitingHandler, .chunks, .none: break
        }
        ready.removeAll { $0 == id }
    }

    /// Frames already in flight on a stream we closed are ignored, not errors; the memory is bounded.
    mutating func remember(_ id: UInt32) {
        if closedByUs.count >= 1024 { closedByUs.removeAll() }
        closedByUs.insert(id)
    }
}
