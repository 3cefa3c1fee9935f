#if canImport(Glibc)
import Glibc
#endif
import HTTPCore
import SockeyeEvents

/// One connection's HTTP/1.1 lifecycle, shared by both I/O drivers. The driver reads into it,
/// writes what it leaves in `pendingOutput`, calls `tick` at `deadline`, and closes it when
/// `isFinished`. Time is passed in (monotonic ns), so timeouts are testable without sleeping.
///
/// Invariant: responses are produced strictly in request order (RFC 9112 §9.3.2); a request
/// that becomes ready while an earlier response is in progress waits, and that wait is its
/// head-of-line wait.
struct HTTPConnection {
    let info: ConnectionInfo
    private let settings: ConnectionSettings
    private let router: Router
    let publisher: EventPublisher
    private let dates: DateCache
    private let serializer = ResponseSerializer()

    private var parser: RequestParser
    private var output: [UInt8] = []
    private var outputStart = 0
    private var inbound: InboundRequest?
    private var queue: [PendingRequest] = []
    private var active: ActiveResponse?
    private var headStartedAt: UInt64?
    private var lastActivity: UInt64
    /// When a write first made no progress (nil while output moves or none is owed): the send timeout's clock.
    private var sendStalledSince: UInt64?
    /// The latest time any of this connection's events carried. Events are stamped no earlier, so
    /// a connection's event times never go backwards (a completion takes a fresh clock reading,
    /// the events after it the loop's older wake-up time).
    private(set) var lastEventAt: UInt64
    private var readClosed = false
    private var shuttingDown = false
    private(set) var closeReason: CloseReason?
    private var nextSequence = 1
    private(set) var requestsServed = 0
    private(set) var bytesIn = 0
    private(set) var bytesOut = 0
    /// The TLS session's summary once its handshake is done (shown in the live table).
    private var tls: TLSHandshakeRecord?
    private var reportedState: ConnectionState?
    private var reportedQueueLength = 0
    private var reportedAt: UInt64 = 0
    /// A report was skipped by the throttle: `deadline` brings the driver back to make it, so an
    /// idle connection's row does not keep the counts of before its last request.
    private var liveRowStale = false
    private let openedAt: UInt64

    init(info: ConnectionInfo, settings: ConnectionSettings, router: Router, publisher: EventPublisher,
         dates: DateCache, now: UInt64) {
        self.info = info
        self.settings = settings
        self.router = router
        self.publisher = publisher
        self.dates = dates
        parser = RequestParser(limits: settings.limits)
        lastActivity = now
        lastEventAt = now
        openedAt = now
    }

    // MARK: What the driver asks

    var pendingOutputCount: Int { output.count - outputStart }

    /// Whether the driver should read: not after the peer or the parser ended input, and not
    /// while enough work is queued (pipelining back-pressure).
    var wantsRead: Bool { !readClosed && closeReason == nil && !shuttingDown && hasRoomForRequests }

    /// Below both per-connection caps: another request may be taken out of the parser. At the cap,
    /// further bytes stay unparsed and unread (the kernel's buffers hold them, not this process).
    private var hasRoomForRequests: Bool {
        queue.count < settings.maxQueuedRequests && pendingOutputCount < settings.maxPendingOutput
    }

    /// Nothing received, queued, in progress or unsent: a keep-alive connection between requests.
    var isIdle: Bool {
        inbound == nil && queue.isEmpty && active == nil && !parser.isMidMessage && pendingOutputCount == 0
    }

    /// The connection should be closed now: it decided to close and everything owed was written.
    var isFinished: Bool { closeReason != nil && pendingOutputCount == 0 && active == nil }

    /// After a rejection the client may still be sending (a huge head, a body we refused). Closing
    /// with unread input makes the kernel send a reset that can destroy our error response before
    /// the client reads it; so the driver half-closes and drains for a moment first (RFC 9112 §9.6).
    var needsLingeringClose: Bool { closeReason == .rejected }

    /// The next moment `tick` has work to do.
    var deadline: UInt64? {
        var earliest = UInt64.max
        if let wake = active?.wakeAt { earliest = wake }
        if !readClosed && closeReason == nil {
            if let started = headStartedAt { earliest = min(earliest, started &+ settings.headerTimeout) }
            if let inbound, parser.isReadingBody { earliest = min(earliest, inbound.headAt &+ settings.bodyTimeout) }
            if isIdle { earliest = min(earliest, lastActivity &+ settings.idleTimeout) }
        }
        if let stalled = sendStalledSince { earliest = min(earliest, stalled &+ settings.sendTimeout) }
        if liveRowStale { earliest = min(earliest, reportedAt &+ 100_000_000) }
        return earliest == .max ? nil : earliest
    }

    /// Gives the driver the unsent bytes; it returns how many it wrote (0: the socket is full).
    /// `now` is read only when a write stalls, so a driver can pass a fresh clock reading cheaply.
    mutating func writeOutput(now: @autoclosure () -> UInt64, _ write: (UnsafeRawBufferPointer) -> Int) {
        guard pendingOutputCount > 0 else { return }
        let written = output.withUnsafeBytes { write(UnsafeRawBufferPointer(rebasing: $0[outputStart...])) }
        if written > 0 {
            sendStalledSince = nil
        } else if sendStalledSince == nil {
            sendStalledSince = now()
        }
        outputStart += written
        bytesOut += written
        if outputStart == output.count {
            output.removeAll(keepingCapacity: output.capacity <= 64 * 1024)
            outputStart = 0
        }
    }

    /// What the dashboard's connections pane shows for this connection.
    var liveState: ConnectionState {
        // Only the stage is read: binding the whole active response copied it on every settle.
        switch active?.stage {
        case .delayed?: return .handling
        case .some: return .writing
        case nil: break
        }
        if pendingOutputCount > 0 { return .writing }
        if inbound != nil || parser.isMidMessage { return .reading }
        return queue.isEmpty ? .idle : .handling
    }

    /// Updates the live connection table (only while a view shows it; a headless server pays
    /// nothing). A change of state or of the head-of-line queue is reported at once, so a request
    /// waiting behind `/slow` shows while it waits; counters at most every 100 ms, since the
    /// dashboard draws ten frames a second and a busy connection settles thousands of times.
    mutating func reportLiveState(now: UInt64) {
        guard publisher.table.isEnabled else { return }
        let state = liveState
        if state == reportedState && queue.count == reportedQueueLength && now &- reportedAt < 100_000_000 {
            liveRowStale = true
            return
        }
        liveRowStale = false
        reportedState = state
        reportedQueueLength = queue.count
        reportedAt = now
        publisher.table.upsert(ConnectionRow(
            id: info.id, peer: info.peer, openedAt: openedAt, state: state, requests: requestsServed,
            bytesIn: bytesIn, bytesOut: bytesOut,
            current: active?.progress.request.label ?? queue.first?.label ?? inbound?.head.target,
            tlsVersion: tls?.version, handshakeTime: tls?.duration,
            queued: queue.map { QueuedRequest(sequence: $0.sequence, label: $0.label, since: $0.headAt) }))
    }

    // MARK: Inputs

    /// Bytes arrived: parse what can be parsed and answer what can be answered.
    mutating func received(_ bytes: UnsafeRawBufferPointer, now: UInt64) {
        bytesIn += bytes.count
        parser.append(bytes)
        lastActivity = now
        proceed(now: now)
    }

    /// The peer closed its side (or reset). Requests already received are still answered.
    mutating func peerClosed(now: UInt64) {
        readClosed = true
        inbound = nil
        headStartedAt = nil
        proceed(now: now)
    }

    /// A write failed: the peer is gone, nothing more can be delivered.
    mutating func failed() {
        abandon(.error)
    }

    /// Ends the connection without delivering what is still owed.
    private mutating func abandon(_ reason: CloseReason) {
        releaseActive()
        closeReason = closeReason ?? reason
        queue.removeAll()
        output.removeAll()
        outputStart = 0
        sendStalledSince = nil
    }

    /// The TLS handshake finished: HTTP starts now, so the idle clock does too.
    mutating func tlsEstablished(_ record: TLSHandshakeRecord, now: UInt64) {
        var record = record
        record.at = stamp(record.at)
        tls = record
        lastActivity = now
        publisher.counters.tlsHandshakes.add(1, ordering: .relaxed)
        publisher.publish(.tlsEstablished(record))
    }

    /// The handshake failed or timed out: no HTTP was spoken, so no response; the connection closes.
    mutating func tlsFailed(reason: String, now: UInt64) {
        closeReason = .tlsFailed
        publisher.counters.tlsFailures.add(1, ordering: .relaxed)
        publisher.publish(.tlsFailed(connection: info.id, reason: reason, peer: info.peer, at: stamp(now)))
    }

    /// Graceful shutdown: finish what was received, then close; idle connections close now.
    mutating func beginShutdown(now: UInt64) {
        shuttingDown = true
        if inbound == nil && !parser.isMidMessage { readClosed = true }
        proceed(now: now)
    }

    /// The socket drained: a streaming file can send its next piece, and requests left unparsed
    /// at the output cap can be taken.
    mutating func outputDrained(now: UInt64) {
        guard pendingOutputCount == 0 else { return }
        guard var current = active, case .file(let file, let offset, let remaining) = current.stage else {
            // Only input held back at the output cap is waiting for this.
            if parser.bufferedByteCount > 0 { proceed(now: now) }
            return
        }
        // Read into uninitialized memory: zero-filling 64 KiB element by element first cost seconds
        // per megabyte in debug and sanitizer builds.
        let piece = min(remaining, 64 * 1024)
        let chunk = [UInt8](unsafeUninitializedCapacity: piece) { buffer, initialized in
            initialized = max(0, pread(file.fd, buffer.baseAddress, piece, off_t(offset)))
        }
        let count = chunk.count
        guard count > 0 else {
            // The file shrank or failed under us; the promised length can no longer be met.
            failed()
            return
        }
        output.append(contentsOf: chunk)
        current.progress.bytesOut += count
        if count == remaining {
            close(file.fd)
            active = nil
            complete(current.progress, now: now)
            proceed(now: now)
        } else {
            current.stage = .file(file, offset: offset + count, remaining: remaining - count)
            active = current
        }
    }

    /// Timers: the send timeout, response delays and chunk intervals, then header, body and idle timeouts.
    mutating func tick(now: UInt64) {
        if let stalled = sendStalledSince, stalled &+ settings.sendTimeout <= now {
            // The client stopped reading: what it is owed can never be delivered (nginx: send_timeout).
            return abandon(.sendTimeout)
        }
        if let wake = active?.wakeAt, wake <= now { advanceActive(now: now) }
        if !readClosed && closeReason == nil {
            if let started = headStartedAt, started &+ settings.headerTimeout <= now {
                reject(status: 408, reason: "header timeout", now: now)
            } else if let inbound, parser.isReadingBody, inbound.headAt &+ settings.bodyTimeout <= now {
                reject(status: 408, reason: "body timeout", now: now)
            } else if isIdle, lastActivity &+ settings.idleTimeout <= now {
                closeReason = .idleTimeout
            }
        }
        proceed(now: now)
    }

    /// Closes what the connection holds besides its socket.
    mutating func releaseActive() {
        if case .file(let file, _, _)? = active?.stage { close(file.fd) }
        if case .delayed(let response)? = active?.stage, case .file(let file) = response.body { close(file.fd) }
        active = nil
    }

    // MARK: Parsing

    /// Answers what can be answered and takes further requests out of the parser while there is
    /// room, until neither makes progress.
    private mutating func proceed(now: UInt64) {
        startResponses(now: now)
        while true {
            let (handled, heldAtCap) = takeParsedEvents(now: now)
            guard handled else { break }
            startResponses(now: now)
            // Held at a cap: the responses just started may have made room for more.
            guard heldAtCap else { break }
        }
        // The header clock runs only while a head is actually being waited for, not while
        // complete requests sit unparsed at the cap.
        if parser.isMidMessage && !parser.isReadingBody && inbound == nil && hasRoomForRequests && !readClosed {
            if headStartedAt == nil { headStartedAt = now }
        } else {
            headStartedAt = nil
        }
    }

    /// Handles parse events while input is open and there is room; a request whose head was
    /// taken is read to its end whatever the caps (its body is bounded by the body limit).
    /// Returns whether any event was handled, and whether it stopped at a cap rather than for
    /// want of input.
    private mutating func takeParsedEvents(now: UInt64) -> (handled: Bool, heldAtCap: Bool) {
        var handled = false
        while closeReason == nil, !readClosed {
            guard inbound != nil || hasRoomForRequests else { return (handled, true) }
            guard let event = parser.next() else { break }
            handle(event, now: now)
            handled = true
        }
        return (handled, false)
    }

    /// Stamps an event no earlier than this connection's previous one.
    private mutating func stamp(_ now: UInt64) -> UInt64 {
        if now > lastEventAt { lastEventAt = now }
        return lastEventAt
    }

    private mutating func handle(_ event: consuming ParseEvent, now: UInt64) {
        switch event {
        case .head(let head):
            let sequence = nextSequence
            nextSequence += 1
            inbound = InboundRequest(head: head, sequence: sequence, headAt: now)
            if publisher.table.isEnabled {
                publisher.table.recentExchanges.recordRequest(connection: info.id, sequence: sequence, head: head)
            }
            publisher.publishDetail(.requestHead(connection: info.id, sequence: sequence, method: head.method.description,
                                                 target: head.target, at: stamp(now)))
            switch head.expectation {
            case .none: break
            case .unsupported: reject(status: 417, reason: "unsupported expectation", now: now)
            case .continue:
                guard head.framing != .none else { break }
                // RFC 9110 §10.1.1: answer 100 before reading the body — but only once earlier
                // responses are out, or the interim response would overtake them.
                if queue.isEmpty && active == nil { write100Continue() } else { inbound?.owesContinue = true }
            }
        case .body(let piece):
            // No copy of `inbound` is held across the append: one would share the body buffer
            // and make every piece copy the whole body received so far.
            if inbound?.head.framing == .chunked, let sequence = inbound?.sequence {
                publisher.publishDetail(.chunkReceived(connection: info.id, sequence: sequence, size: piece.count, at: stamp(now)))
            }
            inbound?.body += piece
        case .end:
            guard let request = inbound else { return }
            inbound = nil
            let pending = PendingRequest(
                kind: .request(request.head, body: request.body), sequence: request.sequence, headAt: request.headAt,
                bytesIn: request.body.count)
            if active == nil && queue.isEmpty {
                // Nothing ahead of it: answer now, without a trip through the queue.
                start(pending, now: now)
            } else {
                pending.blockedBy = active?.progress.request.label ?? queue.first?.label
                queue.append(pending)
            }
        case .error(let error):
            reject(status: error.status, reason: error.reason, now: now)
        }
    }

    /// Refuses the input: the rejection is answered in order after earlier responses, then the
    /// connection closes, since framing can no longer be trusted.
    private mutating func reject(status: Int, reason: String, now: UInt64) {
        readClosed = true
        inbound = nil
        headStartedAt = nil
        let sequence = nextSequence
        nextSequence += 1
        publisher.counters.countRejection(status: status, reason: reason)
        let pending = PendingRequest(kind: .rejection(status: status, reason: reason), sequence: sequence, headAt: now, bytesIn: 0)
        pending.blockedBy = active?.progress.request.label ?? queue.first?.label
        queue.append(pending)
    }

    private mutating func write100Continue() {
        output.append(contentsOf: "HTTP/1.1 100 Continue\r\n\r\n".utf8)
    }

    // MARK: Responding

    /// Starts queued responses in order until one is still in progress or the connection closes.
    private mutating func startResponses(now: UInt64) {
        while active == nil && closeReason == nil && !queue.isEmpty {
            let request = queue.removeFirst()
            start(request, now: now)
        }
        guard active == nil && closeReason == nil && queue.isEmpty else { return }
        if inbound?.owesContinue == true {
            inbound?.owesContinue = false
            write100Continue()
        }
        if readClosed && inbound == nil {
            closeReason = shuttingDown ? .shutdown : .clientClosed
        }
    }

    private mutating func start(_ request: PendingRequest, now: UInt64) {
        let wait = request.blockedBy == nil ? 0 : now &- request.headAt
        let response: Response
        var keepAlive = !shuttingDown
        switch request.kind {
        case .request(let head, let body):
            response = router.respond(RequestContext(head: head, body: body, connection: info, sequence: request.sequence, now: now))
            keepAlive = keepAlive && head.keepAlive
        case .rejection(let status, _):
            response = .rejection(status)
            keepAlive = false
        }
        var progress = ResponseProgress(request: request, startedAt: now, wait: wait, keepAlive: keepAlive)
        progress.status = response.head.status
        publisher.publishDetail(.responseStarted(connection: info.id, sequence: request.sequence, status: response.head.status,
                                                 wait: wait, blockedBy: request.blockedBy, at: stamp(now)))
        if response.delay > 0 {
            active = ActiveResponse(stage: .delayed(response), progress: progress, wakeAt: now &+ response.delay)
        } else {
            send(response, progress: progress, now: now)
        }
    }

    /// Writes a response's head and as much of its body as is ready now.
    private mutating func send(_ response: Response, progress: ResponseProgress, now: UInt64) {
        var progress = progress
        // Decided when the head is written: a shutdown that began during a delay still says close.
        progress.keepAlive = progress.keepAlive && !shuttingDown
        let method = progress.request.head?.method ?? .get
        let version = progress.request.head?.version ?? .http11
        let before = output.count
        switch response.body {
        case .bytes(let body):
            serializer.writeResponse(response.head, body: body, requestMethod: method, version: version,
                                     keepAlive: progress.keepAlive, date: dates.current, into: &output)
            recordResponseHead(writtenFrom: before, sequence: progress.request.sequence)
            progress.bytesOut = output.count - before
            complete(progress, now: now)
        case .chunks(let pieces, let interval):
            guard version == .http11 else {
                // HTTP/1.0 has no chunked coding (RFC 9112 §7): send the pieces as one body.
                send(Response(status: response.head.status, fields: response.head.fields.pairs.map { ($0.name, $0.value) },
                              body: .bytes(Array(pieces.joined()))), progress: progress, now: now)
                return
            }
            progress.chunked = true
            let bodyFollows = serializer.writeHead(response.head, framing: .chunked, requestMethod: method, version: version,
                                                   keepAlive: progress.keepAlive, date: dates.current, into: &output)
            progress.bytesOut = output.count - before
            recordResponseHead(writtenFrom: before, sequence: progress.request.sequence)
            if bodyFollows && !pieces.isEmpty {
                active = ActiveResponse(stage: .chunks(remaining: pieces[...], interval: interval), progress: progress, wakeAt: now)
                advanceActive(now: now)
            } else {
                if bodyFollows { ResponseSerializer.writeLastChunk(into: &output) }
                progress.bytesOut = output.count - before
                complete(progress, now: now)
            }
        case .file(let file):
            let bodyFollows = serializer.writeHead(response.head, framing: .length(file.length), requestMethod: method,
                                                   version: version, keepAlive: progress.keepAlive, date: dates.current,
                                                   into: &output)
            progress.bytesOut = output.count - before
            recordResponseHead(writtenFrom: before, sequence: progress.request.sequence)
            if bodyFollows && file.length > 0 {
                active = ActiveResponse(stage: .file(file, offset: file.offset, remaining: file.length), progress: progress, wakeAt: nil)
                outputDrained(now: now)
            } else {
                close(file.fd)
                complete(progress, now: now)
            }
        }
    }

    /// Keeps the response head just written at `start` for the inspector, only while a view shows
    /// the table. The head ends at the first empty line; a body may follow it in `output`.
    /// `mutating` though it changes nothing: as a non-mutating method called from `send`, it made
    /// Swift copy the whole connection on every response.
    private mutating func recordResponseHead(writtenFrom start: Int, sequence: Int) {
        guard publisher.table.isEnabled else { return }
        let written = output[start...]
        let end = written.firstRange(of: [13, 10, 13, 10])?.upperBound ?? written.endIndex
        publisher.table.recentExchanges.recordResponse(connection: info.id, sequence: sequence, head: written[..<end])
    }

    /// The active response's timer fired: end a delay, or send the next chunk.
    private mutating func advanceActive(now: UInt64) {
        guard var current = active else { return }
        switch current.stage {
        case .delayed(let response):
            active = nil
            send(response, progress: current.progress, now: now)
        case .chunks(let remaining, let interval):
            let before = output.count
            let piece = remaining.first!
            ResponseSerializer.writeChunk(piece, into: &output)
            publisher.publishDetail(.chunkSent(connection: info.id, sequence: current.progress.request.sequence, size: piece.count,
                                               at: stamp(now)))
            let rest = remaining.dropFirst()
            if rest.isEmpty {
                ResponseSerializer.writeLastChunk(into: &output)
                current.progress.bytesOut += output.count - before
                active = nil
                complete(current.progress, now: now)
            } else {
                current.progress.bytesOut += output.count - before
                current.stage = .chunks(remaining: rest, interval: interval)
                current.wakeAt = now &+ interval
                active = current
            }
        case .file:
            break
        }
    }

    /// The response's last byte is queued: count it, publish it, and decide persistence.
    private mutating func complete(_ progress: ResponseProgress, now: UInt64) {
        let request = progress.request
        let counters = publisher.counters
        counters.countResponse(status: progress.status)
        counters.bytesOut.add(progress.bytesOut, ordering: .relaxed)
        lastActivity = now
        guard case .request(let head, _) = request.kind else {
            // Not a served request: published as a rejection, once its size is known (for the access log).
            if case .rejection(let status, let reason) = request.kind {
                publisher.publish(.requestRejected(connection: info.id, status: status, reason: reason, peer: info.peer,
                                                   bytesOut: progress.bytesOut, at: stamp(now)))
            }
            closeReason = .rejected
            queue.removeAll()
            return
        }
        counters.requests.add(1, ordering: .relaxed)
        counters.bytesIn.add(request.bytesIn, ordering: .relaxed)
        if progress.wait > 0 { counters.waitedRequests.add(1, ordering: .relaxed) }
        requestsServed += 1
        if publisher.isObserved {
            // A fresh reading: `now` is the loop's wake-up time, too coarse for a fast response.
            // Stamped first, then built outside `publish`'s autoclosure: either way round, `record`
            // would borrow the connection while `stamp` mutates it, and Swift copies the whole struct.
            let finishedAt = stamp(max(now, MonotonicClock.now()))
            let completed = record(progress, head: head, now: finishedAt)
            publisher.publish(.requestCompleted(completed))
        }
        if !progress.keepAlive {
            // RFC 9112 §9.6: after a response with `Connection: close`, nothing more is read or sent.
            closeReason = shuttingDown ? .shutdown : head.version == .http10 && !head.keepAlive ? .http10 : .connectionClose
            queue.removeAll()
        }
    }

    /// Only served requests get a record; rejections are published as `requestRejected`.
    private func record(_ progress: ResponseProgress, head: RequestHead, now: UInt64) -> RequestRecord {
        let request = progress.request
        return RequestRecord(
            connection: info.id, sequence: request.sequence, head: head, status: progress.status,
            bytesIn: request.bytesIn, bytesOut: progress.bytesOut, chunked: progress.chunked, headAt: request.headAt,
            startedAt: progress.startedAt, finishedAt: now, wait: progress.wait, blockedBy: request.blockedBy,
            peer: info.peer)
    }
}
