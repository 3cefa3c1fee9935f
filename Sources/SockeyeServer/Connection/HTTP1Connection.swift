import HTTPCore
import SockeyeEvents

/// One connection's HTTP/1.1 lifecycle as a state machine, shared by both I/O drivers. Bytes,
/// time, socket outcomes and handler responses go in; `nextAction` says what the driver must do
/// (write, send a file range, close a file, run a handler, wait, close). It performs no syscall
/// and reads no clock but the injected one, so every decision is unit-tested on a fake clock.
/// Events go into the publisher's batch, which the driver hands to the bus.
///
/// Invariant: responses are produced strictly in request order (RFC 9112 §9.3.2); a request
/// that becomes ready while an earlier response is in progress waits, and that wait is its
/// head-of-line wait.
struct HTTP1Connection<Clock: ConnectionClock> {
    let info: ConnectionInfo
    private let settings: ConnectionSettings
    let publisher: EventPublisher
    private let dates: DateCache
    private let clock: Clock
    private let serializer = ResponseSerializer()

    private var parser: RequestParser
    private var output = OutputBuffer()
    /// The request whose head has arrived and whose body is still arriving.
    private var inbound: PendingRequest?
    /// The last request answered, reused for the next once nothing else holds it.
    private var spare: PendingRequest?
    private var queue = ResponseQueue()
    /// The request whose turn came: the next action is `.handle`, which carries it to the driver,
    /// and the driver answers with `respond(_:to:now:)` before it asks for another action, so
    /// nothing else starts, and nothing more is parsed, until its handler has answered.
    private var starting: PendingRequest?
    private var active: ActiveResponse?
    /// A file body that ended or was abandoned, for the driver to close (`.closeFile`).
    private var fileToClose: Int32?
    /// The last write made no progress: the driver waits for the socket to be writable.
    private var writeIsBlocked = false
    private var headStartedAt: UInt64?
    private var lastActivity: UInt64
    /// When a write first made no progress (nil while output moves or none is owed): the send timeout's clock.
    private var sendStalledSince: UInt64?
    /// The latest time any of this connection's events carried. Events are stamped no earlier, so
    /// a connection's event times never go backwards (a completion takes a fresh clock reading,
    /// the events after it the driver's older wake-up time).
    private(set) var lastEventAt: UInt64
    private var readClosed = false
    private var shuttingDown = false
    private(set) var closeReason: CloseReason?
    private var nextSequence = 1
    private(set) var requestsServed = 0
    private(set) var bytesIn = 0
    private(set) var bytesOut = 0
    /// The TLS session's summary once its handshake is done (shown in the live table).
    /// Handed to the HTTP/2 machine when the connection turns out to speak it.
    private(set) var tls: TLSHandshakeRecord?
    private var liveRow = LiveRowReporter()
    let openedAt: UInt64

    init(info: ConnectionInfo, settings: ConnectionSettings, publisher: EventPublisher, dates: DateCache, clock: Clock,
         now: UInt64) {
        self.info = info
        self.settings = settings
        self.publisher = publisher
        self.dates = dates
        self.clock = clock
        parser = RequestParser(limits: settings.limits)
        lastActivity = now
        lastEventAt = now
        openedAt = now
    }

    // MARK: What the driver does next

    /// The next thing the driver must do. Handlers run before output is written, so everything
    /// one read delivers is answered with as few writes as the socket allows.
    mutating func nextAction(now: UInt64) -> ConnectionAction {
        if let fd = fileToClose {
            fileToClose = nil
            return .closeFile(fd)
        }
        if let request = starting.take() {
            // It travels in the context, which the driver hands back with the handler's answer
            // (`respond(_:to:now:)`) before it asks for another action.
            return .handle(RequestContext(
                request: Request(request), connection: info, sequence: request.sequence,
                persistent: request.persists && !shuttingDown, now: now))
        }
        if !writeIsBlocked {
            if output.unsentCount > 0 { return .write }
            if case .file(let file, let offset, let remaining)? = active?.stage {
                return .sendFile(fd: file.fd, offset: offset, count: remaining)
            }
        }
        if isFinished { return .close(closeReason == .rejected ? .lingering : .now) }
        reportLiveState(now: now)
        return .wait(ConnectionWait(read: wantsRead, write: writeIsBlocked, deadline: deadline))
    }

    /// The unsent output, for a `.write` action.
    func withUnsentOutput<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        output.withUnsent(body)
    }

    var pendingOutputCount: Int { output.unsentCount }

    /// Whether the driver should read: not after the peer or the parser ended input, and not
    /// while enough work is queued (pipelining back-pressure).
    var wantsRead: Bool { !readClosed && closeReason == nil && !shuttingDown && hasRoomForRequests }

    /// Below both per-connection caps: another request may be taken out of the parser. At the cap,
    /// further bytes stay unparsed and unread (the kernel's buffers hold them, not this process).
    private var hasRoomForRequests: Bool {
        queue.count < settings.maxQueuedRequests && output.unsentCount < settings.maxPendingOutput
    }

    /// Nothing received, queued, in progress or unsent: a keep-alive connection between requests.
    /// Inlined into its mutating callers, which otherwise handed it a copy of the whole connection.
    var isIdle: Bool {
        @inline(__always) get {
            inbound == nil && queue.isEmpty && starting == nil && active == nil && !parser.isMidMessage
                && output.unsentCount == 0
        }
    }

    /// The connection should be closed now: it decided to close and everything owed was written.
    private var isFinished: Bool { closeReason != nil && output.unsentCount == 0 && active == nil && starting == nil }

    /// The next moment `timerFired` has work to do. A `mutating` getter though it changes
    /// nothing: as a plain one, called from the mutating `nextAction`, it was handed a copy of
    /// the whole connection.
    var deadline: UInt64? {
        mutating get {
            var earliest = UInt64.max
            if let wake = active?.wakeAt { earliest = wake }
            if !readClosed && closeReason == nil {
                if let started = headStartedAt { earliest = min(earliest, started &+ settings.headerTimeout) }
                if let inbound, parser.isReadingBody { earliest = min(earliest, inbound.headAt &+ settings.bodyTimeout) }
                if isIdle { earliest = min(earliest, lastActivity &+ settings.idleTimeout) }
            }
            if let stalled = sendStalledSince { earliest = min(earliest, stalled &+ settings.sendTimeout) }
            if let due = liveRow.deadline { earliest = min(earliest, due) }
            return earliest == .max ? nil : earliest
        }
    }

    /// What the dashboard's connections pane shows for this connection.
    /// Inlined into `reportLiveState`, which otherwise handed it a copy of the whole connection.
    var liveState: ConnectionState {
        @inline(__always) get {
            switch active?.stage {
            case .delayed?: return .handling
            case .some: return .writing
            case nil: break
            }
            if output.unsentCount > 0 { return .writing }
            if inbound != nil || parser.isMidMessage { return .reading }
            return queue.isEmpty && starting == nil ? .idle : .handling
        }
    }

    private mutating func reportLiveState(now: UInt64) {
        guard publisher.table.isEnabled else { return }
        let table = publisher.table
        let state = liveState
        guard liveRow.shouldReport(state: state, queueLength: queue.count, now: now) else { return }
        table.upsert(ConnectionRow(
            id: info.id, peer: info.peer, openedAt: openedAt, state: state, requests: requestsServed,
            bytesIn: bytesIn, bytesOut: bytesOut,
            current: active?.request.label ?? queue.first?.label ?? inbound?.label,
            tlsVersion: tls?.version, handshakeTime: tls?.duration, queued: queue.rows))
    }

    // MARK: What happened

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

    /// `count` bytes of a `.write` or `.sendFile` went out.
    mutating func sent(_ count: Int, now: UInt64) {
        sendStalledSince = nil
        bytesOut += count
        if output.unsentCount > 0 {
            output.consume(count)
            // Input held back at the output cap may now be taken.
            if output.unsentCount == 0 && active == nil && parser.bufferedByteCount > 0 { proceed(now: now) }
            return
        }
        guard let current = active, case .file(let file, let offset, let remaining) = current.stage else { return }
        current.request.bytesOut += count
        if count >= remaining {
            fileToClose = file.fd
            active = nil
            complete(current.request, now: now)
            proceed(now: now)
        } else {
            current.stage = .file(file, offset: offset + count, remaining: remaining - count)
        }
    }

    /// A write made no progress (the socket's buffer is full): wait until it is writable.
    mutating func writeBlocked() {
        writeIsBlocked = true
        // The stall's clock starts now, not at the driver's wake-up, which may be long past.
        if sendStalledSince == nil { sendStalledSince = clock.now() }
    }

    /// The socket can take more output.
    mutating func writable() { writeIsBlocked = false }

    /// A write failed, or a file body could no longer be read: nothing more can be delivered.
    mutating func writeFailed() {
        abandon(.error)
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

    /// The driver closes the connection now (the grace period is over, or the loop ends): what is
    /// in progress is dropped, and `closeFile` gets every file descriptor still open.
    mutating func terminate(now: UInt64, closeFile: (Int32) -> Void) {
        if closeReason == nil { beginShutdown(now: now) }
        starting = nil
        if let fd = fileToClose { closeFile(fd) }
        fileToClose = nil
        if let fd = active?.openFile { closeFile(fd) }
        active?.bodyStream?.cancel()
        active = nil
    }

    /// Timers: the send timeout, response delays and chunk intervals, then header, body and idle timeouts.
    mutating func timerFired(now: UInt64) {
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

    /// The handler's answer to the `.handle` action that carried `context`.
    mutating func respond(_ response: Response, to context: consuming RequestContext, now: UInt64) {
        begin(response, for: context.request.pending, now: now)
        proceed(now: now)
    }

    /// Ends the connection without delivering what is still owed.
    private mutating func abandon(_ reason: CloseReason) {
        if let fd = active?.openFile { fileToClose = fd }
        active?.bodyStream?.cancel()
        active = nil
        starting = nil
        closeReason = closeReason ?? reason
        queue.removeAll()
        output.discard()
        sendStalledSince = nil
        writeIsBlocked = false
    }

    // MARK: Parsing

    /// Starts what can start and takes further requests out of the parser while there is room,
    /// until a handler must run or nothing makes progress.
    private mutating func proceed(now: UInt64) {
        // Only a queued request or unparsed input gives the loop work: asked once up front, the
        // common case after a keep-alive response (nothing more received) skips its rounds.
        if !queue.isEmpty || parser.canAdvance {
            while starting == nil {
                if active == nil && closeReason == nil, let next = queue.popFirst() {
                    start(next, now: now)
                    continue
                }
                // A request whose head was taken is read to its end whatever the caps (its body is
                // bounded by the body limit).
                guard closeReason == nil, !readClosed, inbound != nil || hasRoomForRequests, parser.canAdvance,
                      let event = parser.next()
                else { break }
                handle(event, now: now)
            }
        }
        if starting == nil && active == nil && closeReason == nil && queue.isEmpty {
            if inbound?.owesContinue == true {
                inbound?.owesContinue = false
                write100Continue()
            }
            if readClosed && inbound == nil {
                closeReason = shuttingDown ? .shutdown : .clientClosed
            }
        }
        // The header clock runs only while a head is actually being waited for, not while
        // complete requests sit unparsed at the cap.
        if parser.isMidMessage && !parser.isReadingBody && inbound == nil && hasRoomForRequests && !readClosed {
            if headStartedAt == nil { headStartedAt = now }
        } else {
            headStartedAt = nil
        }
    }

    /// Stamps an event no earlier than this connection's previous one.
    private mutating func stamp(_ now: UInt64) -> UInt64 {
        if now > lastEventAt { lastEventAt = now }
        return lastEventAt
    }

    private mutating func handle(_ event: consuming ParseEvent, now: UInt64) {
        switch consume event {
        case .head(let head):
            let sequence = nextSequence
            nextSequence += 1
            let keepsHeads = publisher.keepsHeads
            if keepsHeads {
                publisher.table.recentExchanges.recordRequest(connection: info.id, sequence: sequence, head: head)
            }
            if publisher.wantsEveryStep {
                publisher.publishDetail(.requestHead(connection: info.id, sequence: sequence, method: head.method.description,
                                                     target: head.target, at: stamp(now)))
            }
            let expectation = head.expectation
            let hasBody = head.framing != .none
            // The head's last use: it moves into the request instead of being copied.
            let pending = makePending(head, sequence: sequence, now: now, headsKept: keepsHeads)
            // Without a body the head is the whole request (a `100-continue` is owed only before
            // a body): its end is taken now, not as an event, and it never becomes `inbound`.
            if !hasBody && expectation != .unsupported && parser.takeEnd() { return requestReceived(pending, now: now) }
            inbound = pending
            switch expectation {
            case .none: break
            case .unsupported: reject(status: 417, reason: "unsupported expectation", now: now)
            case .continue:
                // RFC 9110 §10.1.1: answer 100 before reading the body — but only once earlier
                // responses are out, or the interim response would overtake them.
                if queue.isEmpty && active == nil { write100Continue() } else { inbound?.owesContinue = true }
            }
        case .body(let piece):
            if inbound?.head?.framing == .chunked, let sequence = inbound?.sequence {
                publisher.publishDetail(.chunkReceived(connection: info.id, sequence: sequence, size: piece.count, at: stamp(now)))
            }
            inbound?.body += piece
        case .end:
            if let pending = inbound.take() { requestReceived(pending, now: now) }
        case .error(let error):
            reject(status: error.status, reason: error.reason, now: now)
        }
    }

    /// A request received in full: its turn comes now, or after those ahead of it.
    private mutating func requestReceived(_ pending: consuming PendingRequest, now: UInt64) {
        if active == nil && queue.isEmpty {
            // Nothing ahead of it: answer now, without a trip through the queue.
            start(pending, now: now)
        } else {
            queue.append(pending, behind: active?.request.label)
        }
    }

    /// The object for a new request: the last one again when nothing else holds it.
    private mutating func makePending(_ head: consuming RequestHead, sequence: Int, now: UInt64,
                                      headsKept: Bool) -> PendingRequest {
        // Asked where it lies, then moved out: asked of a local, the object was retained once more.
        if isKnownUniquelyReferenced(&spare), let reused = spare.take() {
            reused.reset(head: head, sequence: sequence, headAt: now, headsKept: headsKept)
            return reused
        }
        spare = nil
        return PendingRequest(head: head, sequence: sequence, headAt: now, headsKept: headsKept)
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
        let pending = PendingRequest(rejection: status, reason: reason, sequence: sequence, headAt: now)
        queue.append(pending, behind: active?.request.label)
    }

    private mutating func write100Continue() {
        output.bytes.append(contentsOf: "HTTP/1.1 100 Continue\r\n\r\n".utf8)
    }

    // MARK: Responding

    /// A request's turn: a served request waits for its handler (`.handle`); a rejection is answered at once.
    private mutating func start(_ request: consuming PendingRequest, now: UInt64) {
        request.wait = request.blockedBy == nil ? 0 : now &- request.headAt
        if request.isRejection {
            request.persists = false
            begin(.rejection(request.rejectionStatus), for: request, now: now)
        } else {
            request.persists = !shuttingDown && request.keepAlive
            starting = request
        }
    }

    private mutating func begin(_ response: Response, for request: PendingRequest, now: UInt64) {
        request.startedAt = now
        request.status = response.status
        if publisher.wantsEveryStep {
            publisher.publishDetail(.responseStarted(connection: info.id, sequence: request.sequence, status: request.status,
                                                     wait: request.wait, blockedBy: request.blockedBy, at: stamp(now)))
        }
        if response.delay > 0 {
            active = ActiveResponse(stage: .delayed(response), request: request, wakeAt: now &+ response.delay)
        } else {
            send(response, for: request, now: now)
        }
    }

    /// The thread's cached bytes for `response`, appended when they are its framing under `key`.
    /// Static, handed the thread's caches: read through the connection, the cache object was
    /// retained and released around each response.
    private static func appendCached(_ response: Response, key: FramedResponseCache.Key, from dates: DateCache,
                                     to output: inout [UInt8]) -> Bool {
        let cache = dates.framedResponses
        guard cache.holds(response, key: key) else { return false }
        cache.append(to: &output)
        return true
    }

    /// Writes a response's head and as much of its body as is ready now.
    private mutating func send(_ response: Response, for request: PendingRequest, now: UInt64) {
        // Decided when the head is written: a shutdown that began during a delay still says close.
        request.persists = request.persists && !shuttingDown
        let version = request.version
        let before = output.bytes.count
        let cacheKey = FramedResponseCache.Key(keepAlive: request.persists, http10: version == .http10,
                                               withBody: request.methodCode != .head, second: dates.second)
        // Checked before the body is looked at: only whole `.bytes` responses are kept.
        if Self.appendCached(response, key: cacheKey, from: dates, to: &output.bytes) {
            return completeWhole(request, writtenFrom: before, now: now)
        }
        switch response.body {
        case .bytes(let body):
            serializer.writeResponse(response.head, body: body, requestMethod: request.methodCode, version: version,
                                     keepAlive: request.persists, date: dates.current, into: &output.bytes)
            if body.count <= FramedResponseCache.largestKeptBody {
                dates.framedResponses.store(response, key: cacheKey, bytes: output.bytes[before...])
            }
            completeWhole(request, writtenFrom: before, now: now)
        case .chunks(let pieces, let interval):
            guard version == .http11 else {
                // HTTP/1.0 has no chunked coding (RFC 9112 §7): send the pieces as one body.
                send(Response(status: response.head.status, fields: response.head.fields.pairs.map { ($0.name, $0.value) },
                              body: .bytes(Array(pieces.joined()))), for: request, now: now)
                return
            }
            let bodyFollows = writeChunkedHead(response, for: request, writtenFrom: before)
            if bodyFollows && !pieces.isEmpty {
                active = ActiveResponse(stage: .chunks(remaining: pieces[...], interval: interval), request: request, wakeAt: now)
                advanceActive(now: now)
            } else {
                if bodyFollows { ResponseSerializer.writeLastChunk(into: &output.bytes) }
                request.bytesOut = output.bytes.count - before
                complete(request, now: now)
            }
        case .stream(let stream):
            guard version == .http11 else {
                // A body of unknown length needs chunked coding, which HTTP/1.0 lacks (RFC 9112 §7).
                stream.cancel()
                send(.text(505, "505 HTTP Version Not Supported: this stream needs HTTP/1.1\n"), for: request, now: now)
                return
            }
            let bodyFollows = writeChunkedHead(response, for: request, writtenFrom: before)
            if bodyFollows {
                active = ActiveResponse(stage: .stream(stream), request: request, wakeAt: now)
                advanceActive(now: now)
            } else {
                stream.cancel()
                complete(request, now: now)
            }
        case .file(let file):
            let bodyFollows = serializer.writeHead(response.head, framing: .length(file.length), requestMethod: request.methodCode,
                                                   version: version, keepAlive: request.persists, date: dates.current,
                                                   into: &output.bytes)
            request.bytesOut = output.bytes.count - before
            recordResponseHead(writtenFrom: before, sequence: request.sequence, headsKept: request.headsKept)
            if bodyFollows && file.length > 0 {
                // The driver sends the range once the head is out (`.sendFile`).
                active = ActiveResponse(stage: .file(file, offset: file.offset, remaining: file.length), request: request, wakeAt: nil)
            } else {
                fileToClose = file.fd
                complete(request, now: now)
            }
        }
    }

    /// A response written whole (head and any body) from `before`: keep its head for the
    /// inspector, count its bytes, complete it.
    private mutating func completeWhole(_ request: PendingRequest, writtenFrom before: Int, now: UInt64) {
        recordResponseHead(writtenFrom: before, sequence: request.sequence, headsKept: request.headsKept)
        request.bytesOut = output.bytes.count - before
        complete(request, now: now)
    }

    /// Writes a response head with chunked framing; returns whether a body may follow it (not
    /// after HEAD, 204 or 304).
    private mutating func writeChunkedHead(_ response: Response, for request: PendingRequest, writtenFrom before: Int) -> Bool {
        request.chunked = true
        let bodyFollows = serializer.writeHead(response.head, framing: .chunked, requestMethod: request.methodCode,
                                               version: request.version, keepAlive: request.persists,
                                               date: dates.current, into: &output.bytes)
        request.bytesOut = output.bytes.count - before
        recordResponseHead(writtenFrom: before, sequence: request.sequence, headsKept: request.headsKept)
        return bodyFollows
    }

    /// Keeps the response head just written at `start` for the inspector, when its request's head
    /// was kept. The head ends at the first empty line; a body may follow it in the output.
    /// `mutating` though it changes nothing: as a non-mutating method called from `send`, it made
    /// Swift copy the whole connection on every response.
    private mutating func recordResponseHead(writtenFrom start: Int, sequence: Int, headsKept: Bool) {
        guard headsKept else { return }
        output.bytes.withUnsafeBufferPointer { bytes in
            let written = UnsafeBufferPointer(rebasing: bytes[start...])
            let head = written.headThroughEmptyLine
            publisher.table.recentExchanges.recordResponse(connection: info.id, sequence: sequence, head: head)
        }
    }

    /// The active response's timer fired: end a delay, or send the next chunk.
    private mutating func advanceActive(now: UInt64) {
        guard let current = active else { return }
        switch current.stage {
        case .delayed(let response):
            active = nil
            send(response, for: current.request, now: now)
        case .chunks(let remaining, let interval):
            let before = output.bytes.count
            let piece = remaining.first!
            ResponseSerializer.writeChunk(piece, into: &output.bytes)
            publisher.publishDetail(.chunkSent(connection: info.id, sequence: current.request.sequence, size: piece.count,
                                               at: stamp(now)))
            let rest = remaining.dropFirst()
            if rest.isEmpty {
                ResponseSerializer.writeLastChunk(into: &output.bytes)
                current.request.bytesOut += output.bytes.count - before
                active = nil
                complete(current.request, now: now)
            } else {
                current.request.bytesOut += output.bytes.count - before
                current.stage = .chunks(remaining: rest, interval: interval)
                current.wakeAt = now &+ interval
            }
        case .stream(let stream):
            let before = output.bytes.count
            let (bytes, isLast) = stream.next(accepting: output.unsentCount < settings.maxPendingOutput, shuttingDown: shuttingDown)
            if !bytes.isEmpty { ResponseSerializer.writeChunk(bytes, into: &output.bytes) }
            if isLast { ResponseSerializer.writeLastChunk(into: &output.bytes) }
            current.request.bytesOut += output.bytes.count - before
            if isLast {
                active = nil
                complete(current.request, now: now)
            } else {
                current.wakeAt = now &+ stream.interval
            }
        case .file:
            break
        }
    }

    /// The response's last byte is queued: count it, publish it, and decide persistence.
    private mutating func complete(_ request: PendingRequest, now: UInt64) {
        Self.countResponse(of: request, now: now, on: publisher)
        lastActivity = now
        guard !request.isRejection else {
            // Not a served request: published as a rejection, once its size is known (for the access log).
            publisher.publish(.requestRejected(connection: info.id, status: request.rejectionStatus,
                                               reason: request.rejectionReason, peer: info.peer,
                                               bytesOut: request.bytesOut, at: stamp(now)))
            closeReason = .rejected
            queue.removeAll()
            return
        }
        requestsServed += 1
        // Its head goes now (taken, not copied, for the record), so the parser's storage is free
        // again; the object waits for the next request.
        let head = request.head.take()
        if publisher.isObserved, let head {
            // A fresh reading: `now` is the driver's wake-up time, too coarse for a fast response.
            let finishedAt = stamp(max(now, clock.now()))
            publisher.publish(built: .requestCompleted(Self.record(request, head: head, on: info, now: finishedAt,
                                                                          for: publisher)))
        }
        spare = request
        if !request.persists {
            // RFC 9112 §9.6: after a response with `Connection: close`, nothing more is read or sent.
            closeReason = shuttingDown ? .shutdown : request.version == .http10 && !request.keepAlive ? .http10 : .connectionClose
            queue.removeAll()
        }
    }

    /// The totals a finished response adds to: its status and size, and for a served request its
    /// method, duration and wait. Static, handed the publisher: read through the connection, the
    /// counters object was retained and released around each response.
    private static func countResponse(of request: PendingRequest, now: UInt64, on publisher: EventPublisher) {
        let counters = publisher.counters
        counters.countResponse(status: request.status)
        counters.bytesOut.add(request.bytesOut, ordering: .relaxed)
        guard !request.isRejection else { return }
        counters.countServed(method: request.methodCode, status: request.status, bytesIn: request.bytesIn,
                             duration: now &- request.headAt, wait: request.wait)
    }

    /// Only served requests get a record; rejections are published as `requestRejected`.
    /// Static: as a method called from the mutating `complete`, it was handed a copy of the whole connection.
    private static func record(_ request: PendingRequest, head: RequestHead, on info: ConnectionInfo,
                               now: UInt64, for publisher: EventPublisher) -> RequestRecord {
        RequestRecord(
            connection: info.id, sequence: request.sequence, head: head, status: request.status,
            bytesIn: request.bytesIn, bytesOut: request.bytesOut, chunked: request.chunked, headAt: request.headAt,
            startedAt: request.startedAt, finishedAt: now, wait: request.wait, blockedBy: request.blockedBy,
            peerBytes: info.peerBytes, blocks: publisher.batch.recordBlocks)
    }
}
