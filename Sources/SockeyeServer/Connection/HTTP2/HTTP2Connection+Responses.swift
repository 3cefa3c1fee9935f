import HPACK
import HTTP2Core
import HTTPCore
import SockeyeEvents

/// Responses as streams: HEADERS, then DATA as flow control allows (RFC 9113 §8.1, §6.9).
extension HTTP2Connection {
    /// The handler's answer (or a refusal) for stream `id`.
    mutating func begin(_ response: Response, on id: UInt32, now: UInt64) {
        guard var stream = streams[id] else { return }
        stream.status = response.head.status
        stream.startedAt = now
        publisher.publishDetail(.responseStarted(connection: info.id, sequence: stream.sequence, status: response.head.status,
                                                 wait: 0, blockedBy: nil, at: stamp(now)))
        if response.delay > 0 {
            stream.source = .delayed(response)
            stream.wakeAt = now &+ response.delay
            streams[id] = stream
            return
        }
        streams[id] = stream
        send(response, on: id, now: now)
    }

    /// Writes the HEADERS and queues what the body needs.
    private mutating func send(_ response: Response, on id: UInt32, now: UInt64) {
        guard var stream = streams[id] else { return }
        stream.wakeAt = nil
        let bodyAllowed = stream.head?.method != .head && !response.head.forbidsBody
        var length: Int?
        switch response.body {
        case .bytes(let bytes): length = bytes.count
        case .file(let file): length = file.length
        case .chunks, .stream: length = nil
        }
        let before = output.bytes.count
        var block: [UInt8] = []
        encoder.encode(responseFields(response, contentLength: response.head.forbidsBody ? nil : length), into: &block)
        var endStream = !bodyAllowed
        switch response.body {
        case .bytes(let bytes):
            if bytes.isEmpty { endStream = true }
            let mark = output.bytes.count
            FrameWriter.headers(id, block: block, endStream: endStream, maxFrameSize: peer.maxFrameSize, into: &output.bytes)
            noteSentFrames(from: mark)
            if !endStream {
                stream.queued = bytes
                stream.endsAfterQueued = true
            }
            stream.source = .none
        case .file(let file):
            if file.length == 0 { endStream = true }
            let mark = output.bytes.count
            FrameWriter.headers(id, block: block, endStream: endStream, maxFrameSize: peer.maxFrameSize, into: &output.bytes)
            noteSentFrames(from: mark)
            if endStream {
                filesToClose.append(file.fd)
                stream.source = .none
            } else {
                stream.source = .file(file, offset: file.offset, remaining: file.length)
            }
        case .chunks(let pieces, let interval):
            let mark = output.bytes.count
            FrameWriter.headers(id, block: block, endStream: endStream, maxFrameSize: peer.maxFrameSize, into: &output.bytes)
            noteSentFrames(from: mark)
            stream.chunked = true
            if endStream || pieces.isEmpty {
                stream.source = .none
                stream.endsAfterQueued = !endStream
            } else {
                stream.source = .chunks(pieces[...], interval: interval)
                stream.wakeAt = now
            }
        case .stream(let body):
            let mark = output.bytes.count
            FrameWriter.headers(id, block: block, endStream: endStream, maxFrameSize: peer.maxFrameSize, into: &output.bytes)
            noteSentFrames(from: mark)
            stream.chunked = true
            if endStream {
                body.cancel()
                stream.source = .none
            } else {
                stream.source = .stream(body)
                stream.wakeAt = now
            }
        }
        stream.bytesOut += output.bytes.count - before
        if publisher.table.isEnabled {
            Array(responseHeadText(response, length: length).utf8).withUnsafeBufferPointer { head in
                publisher.table.recentExchanges.recordResponse(connection: info.id, sequence: stream.sequence, head: head)
            }
        }
        streams[id] = stream
        if stream.isAnswered { finish(id, now: now) }
    }

    /// `:status`, the handler's fields (lowercase, without HTTP/1.1's connection fields, §8.2.2),
    /// then date, server and the length.
    private func responseFields(_ response: Response, contentLength: Int?) -> [HPACKField] {
        var fields = [HPACKField(":status", String(response.head.status))]
        for pair in response.head.fields.pairs {
            let name = pair.name.lowercased()
            if ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"].contains(name) { continue }
            fields.append(HPACKField(name, pair.value))
        }
        fields.append(HPACKField("date", dates.current))
        fields.append(HPACKField("server", "Sockeye"))
        if let contentLength { fields.append(HPACKField("content-length", String(contentLength))) }
        return fields
    }

    /// The response head as the inspector shows it: the fields as they would read in HTTP/1.1 text.
    private func responseHeadText(_ response: Response, length: Int?) -> String {
        var text = ":status: \(response.head.status)\r\n"
        for field in responseFields(response, contentLength: length).dropFirst() {
            text += String(decoding: field.name, as: UTF8.self) + ": " + String(decoding: field.value, as: UTF8.self) + "\r\n"
        }
        return text + "\r\n"
    }

    /// A stream's timer: a delay ends, or the next chunk is due.
    mutating func wake(_ id: UInt32, now: UInt64) {
        guard var stream = streams[id] else { return }
        stream.wakeAt = nil
        switch stream.source {
        case .delayed(let response):
            streams[id] = stream
            send(response, on: id, now: now)
        case .chunks(let remaining, let interval):
            let piece = remaining.first!
            stream.enqueue(piece)
            publisher.publishDetail(.chunkSent(connection: info.id, sequence: stream.sequence, size: piece.count, at: stamp(now)))
            let rest = remaining.dropFirst()
            if rest.isEmpty {
                stream.source = .none
                stream.endsAfterQueued = true
            } else {
                stream.source = .chunks(rest, interval: interval)
                stream.wakeAt = now &+ interval
            }
            streams[id] = stream
        case .stream(let body):
            let (bytes, isLast) = body.next(accepting: stream.queuedCount < HTTP2Connection.maxQueuedStreamBytes,
                                            shuttingDown: shuttingDown)
            stream.enqueue(bytes)
            if isLast {
                stream.source = .none
                stream.endsAfterQueued = true
            } else {
                stream.wakeAt = now &+ body.interval
            }
            streams[id] = stream
        default:
            streams[id] = stream
        }
    }

    /// Frames queued body bytes as DATA, stream by stream, as far as both windows, the peer's
    /// frame size and the output cap allow; a file's next frame starts only on empty output.
    mutating func pump(now: UInt64) {
        guard closeReason == nil || goAwaySent, fileFrame == nil else { return }
        defer { noteWindowStall(now: now) }
        for id in streams.keys.sorted() {
            guard var stream = streams[id] else { continue }
            while output.unsentCount < outputCap && (stream.queuedCount > 0 || stream.endsAfterQueued) {
                let allowed = min(stream.queuedCount, connectionSendWindow, stream.sendWindow, peer.maxFrameSize)
                guard allowed > 0 || stream.queuedCount == 0 else { break }
                let last = allowed == stream.queuedCount && stream.endsAfterQueued
                let mark = output.bytes.count
                FrameWriter.dataHeader(id, length: allowed, endStream: last, into: &output.bytes)
                noteSentFrames(from: mark)
                output.bytes += stream.queued[stream.queuedOffset..<(stream.queuedOffset + allowed)]
                stream.queuedOffset += allowed
                stream.sendWindow -= allowed
                connectionSendWindow -= allowed
                stream.bytesOut += FrameHeader.size + allowed
                if last { stream.endsAfterQueued = false }
                if stream.queuedCount == 0 {
                    stream.queued.removeAll(keepingCapacity: true)
                    stream.queuedOffset = 0
                }
            }
            if case .file(let file, let offset, let remaining) = stream.source, output.unsentCount == 0 {
                let allowed = min(remaining, connectionSendWindow, stream.sendWindow, peer.maxFrameSize)
                if allowed > 0 {
                    let mark = output.bytes.count
                    FrameWriter.dataHeader(id, length: allowed, endStream: allowed == remaining, into: &output.bytes)
                    noteSentFrames(from: mark)
                    stream.sendWindow -= allowed
                    connectionSendWindow -= allowed
                    stream.bytesOut += FrameHeader.size + allowed
                    stream.source = .file(file, offset: offset + allowed, remaining: remaining - allowed)
                    fileFrame = (id, file.fd, offset, allowed)
                    streams[id] = stream
                    return
                }
            }
            streams[id] = stream
            if stream.isAnswered { finish(id, now: now) }
        }
    }

    /// Starts (or stops) the clock on response bytes that only a shut flow-control window holds back.
    private mutating func noteWindowStall(now: UInt64) {
        let blocked = streams.values.contains { stream in
            var waiting = stream.queuedCount > 0
            if case .file = stream.source { waiting = true }
            return waiting && (stream.sendWindow <= 0 || connectionSendWindow <= 0)
        }
        if !blocked {
            windowStalledSince = nil
        } else if windowStalledSince == nil {
            windowStalledSince = now
        }
    }

    /// A file frame's payload is out: the file ends, or its next frame waits for `pump`.
    mutating func fileFrameSent(_ id: UInt32, now: UInt64) {
        guard let stream = streams[id], case .file(let file, _, let remaining) = stream.source, remaining == 0 else { return }
        filesToClose.append(file.fd)
        streams[id]!.source = .none
        finish(id, now: now)
    }

    /// The response's last frame is queued: count it, publish it, and close the stream.
    private mutating func finish(_ id: UInt32, now: UInt64) {
        guard let stream = streams.removeValue(forKey: id) else { return }
        let counters = publisher.counters
        counters.countResponse(status: stream.status)
        counters.bytesOut.add(stream.bytesOut, ordering: .relaxed)
        resetsLeft = min(Self.resetBudget, resetsLeft + 1)
        if !stream.remoteClosed || stream.resetWhenAnswered {
            // §8.1: answered before the request ended; the rest of it is not wanted.
            let mark = output.bytes.count
            FrameWriter.rstStream(id, code: .noError, into: &output.bytes)
            noteSentFrames(from: mark)
            remember(id)
        }
        if let head = stream.head {
            requestsServed += 1
            counters.countServed(method: head.methodCode, status: stream.status, bytesIn: stream.body.count,
                                 duration: now &- stream.headAt, wait: 0)
            if publisher.isObserved {
                let finishedAt = stamp(max(now, clock.now()))
                lastEventAt = finishedAt
                publisher.publish(.requestCompleted(RequestRecord(
                    connection: info.id, sequence: stream.sequence, head: head, status: stream.status,
                    bytesIn: stream.body.count, bytesOut: stream.bytesOut, chunked: stream.chunked, headAt: stream.headAt,
                    startedAt: stream.startedAt, finishedAt: finishedAt, wait: 0, blockedBy: nil, peerBytes: info.peerBytes,
                    version: .http2, blocks: publisher.batch.recordBlocks)))
            }
        }
        if streams.isEmpty && closeReason == nil && (shuttingDown || readClosed) {
            closeReason = shuttingDown ? .shutdown : .clientClosed
        }
    }
}
