import HPACK
import HTTP2Core
import HTTPCore
import SockeyeEvents

/// One HTTP/2 connection (RFC 9113) as a state machine, beside `HTTP1Connection` and driven the
/// same way: bytes, time, socket outcomes and handler responses in; `nextAction` out. Requests
/// become the same protocol-neutral `Request` and run the same handlers; responses are framed
/// as streams that interleave, so a slow response holds up no other stream (the point of
/// multiplexing) — only TCP itself still orders the bytes.
///
/// Bounds: at most `maxConcurrentStreams` open streams (more are refused with REFUSED_STREAM),
/// header blocks bounded while they arrive and while they are decoded, input is not read while
/// unsent output is above the cap (so floods of PING or SETTINGS cannot grow what is owed), a
/// budget of streams the client resets before their answer (Rapid Reset, CVE-2023-44487), and
/// the send timeout for a client that stops reading or stops opening its window.
struct HTTP2Connection<Clock: ConnectionClock> {
    static var maxConcurrentStreams: Int { 100 }
    /// A body stream is asked for more only while its stream holds less than this unsent.
    static var maxQueuedStreamBytes: Int { 64 * 1024 }
    /// Streams the client may reset before they are answered, replenished by answered ones.
    static var resetBudget: Int { 100 }
    /// Zero-length DATA frames without END_STREAM tolerated per connection.
    static var emptyFrameBudget: Int { 100 }
    /// Our receive windows: 1 MiB per stream and for the connection, so an upload is not held to
    /// 64 KiB per round trip.
    static var receiveWindow: Int { 1 << 20 }

    let info: ConnectionInfo
    let settings: ConnectionSettings
    let publisher: EventPublisher
    let dates: DateCache
    let clock: Clock

    var frames = FrameDecoder()
    var decoder: HPACKDecoder
    var encoder = HPACKEncoder()
    var peer = HTTP2Settings()
    var output = OutputBuffer()

    var prefaceRemaining = FrameWriter.clientPreface.count
    var sawClientSettings = false
    /// A header block still waiting for CONTINUATION frames.
    var headerBlock: (streamID: UInt32, bytes: [UInt8], endStream: Bool, frames: Int, startedAt: UInt64)?

    var streams: [UInt32: HTTP2Stream] = [:]
    var highestStreamID: UInt32 = 0
    /// Streams we reset or answered early, whose in-flight frames are ignored.
    var closedByUs: Set<UInt32> = []
    /// Streams whose request is complete, in arrival order, waiting for their handler.
    var ready: [UInt32] = []
    /// The stream whose handler the driver is running.
    var starting: UInt32?
    /// A DATA frame's payload the driver is sending from a file: nothing else may enter the
    /// output until it is out.
    var fileFrame: (streamID: UInt32, fd: Int32, offset: Int, remaining: Int)?
    var filesToClose: [Int32] = []

    var connectionSendWindow = HTTP2Settings.defaultWindowSize
    var connectionReceiveWindow = HTTP2Settings.defaultWindowSize
    var connectionUnacknowledged = 0
    var resetsLeft = Self.resetBudget
    var emptyFramesLeft = Self.emptyFrameBudget

    var goAwaySent = false
    var goAwayReceived = false
    var readClosed = false
    var shuttingDown = false
    var closeReason: CloseReason?
    var writeIsBlocked = false
    var sendStalledSince: UInt64?
    /// Since when response bytes have waited for a flow-control window the client keeps shut.
    var windowStalledSince: UInt64?
    var lastActivity: UInt64
    let openedAt: UInt64
    var lastEventAt: UInt64
    var nextSequence = 1
    var requestsServed = 0
    var bytesIn = 0
    var bytesOut = 0
    var liveRow = LiveRowReporter()
    /// Frames noted for the frames view this turn (see `HTTP2Connection+FrameLog`).
    var unreportedFrames: [FrameRecord] = []

    /// The connection's TLS handshake, for its live row.
    private let tls: TLSHandshakeRecord?

    /// - Parameters: openedAt: when the connection was accepted; tls: its handshake, on HTTPS.
    init(info: ConnectionInfo, settings: ConnectionSettings, publisher: EventPublisher, dates: DateCache, clock: Clock,
         now: UInt64, openedAt: UInt64? = nil, tls: TLSHandshakeRecord? = nil) {
        self.tls = tls
        self.info = info
        self.settings = settings
        self.publisher = publisher
        self.dates = dates
        self.clock = clock
        decoder = HPACKDecoder(maxHeaderListSize: settings.limits.maxRequestLineBytes + settings.limits.maxHeaderBytes)
        lastActivity = now
        lastEventAt = now
        self.openedAt = openedAt ?? now
        // §3.4: the server's preface is its SETTINGS, sent at once; then the larger connection window.
        FrameWriter.settings([(.maxConcurrentStreams, UInt32(Self.maxConcurrentStreams)),
                              (.initialWindowSize, UInt32(Self.receiveWindow)),
                              (.maxHeaderListSize, UInt32(settings.limits.maxRequestLineBytes + settings.limits.maxHeaderBytes)),
                              (.enablePush, 0)], into: &output.bytes)
        FrameWriter.windowUpdate(0, increment: UInt32(Self.receiveWindow - HTTP2Settings.defaultWindowSize), into: &output.bytes)
        connectionReceiveWindow = Self.receiveWindow
        noteSentFrames(from: 0)
    }

    /// Unsent output above which no more input is taken.
    var outputCap: Int { max(settings.maxPendingOutput, 64 * 1024) }

    // MARK: What the driver does next

    mutating func nextAction(now: UInt64) -> ConnectionAction {
        if let fd = filesToClose.popLast() { return .closeFile(fd) }
        if fileFrame == nil, starting == nil, closeReason == nil, !ready.isEmpty {
            let id = ready.removeFirst()
            if let stream = streams[id], let head = stream.head {
                starting = id
                return .handle(RequestContext(request: Request(head: head, body: stream.body), connection: info,
                                              sequence: stream.sequence, persistent: !goAwaySent, now: now))
            }
        }
        if !writeIsBlocked {
            if output.unsentCount > 0 { return .write }
            if let frame = fileFrame { return .sendFile(fd: frame.fd, offset: frame.offset, count: frame.remaining) }
        }
        if isFinished { return .close(closeReason == .rejected ? .lingering : .now) }
        reportLiveState(now: now)
        return .wait(ConnectionWait(read: wantsRead, write: writeIsBlocked, deadline: deadline))
    }

    func withUnsentOutput<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result { output.withUnsent(body) }

    var wantsRead: Bool { !readClosed && closeReason == nil && fileFrame == nil && output.unsentCount < outputCap }

    private var isFinished: Bool {
        guard output.unsentCount == 0, fileFrame == nil, starting == nil else { return false }
        if closeReason != nil { return true }
        return (goAwaySent || goAwayReceived || readClosed) && streams.isEmpty && ready.isEmpty && headerBlock == nil
    }

    var deadline: UInt64? {
        var earliest = UInt64.max
        if fileFrame == nil {
            for stream in streams.values { if let wake = stream.wakeAt { earliest = min(earliest, wake) } }
        }
        if let stalled = sendStalledSince { earliest = min(earliest, stalled &+ settings.sendTimeout) }
        if let stalled = windowStalledSince { earliest = min(earliest, stalled &+ settings.sendTimeout) }
        if closeReason == nil {
            if !sawClientSettings { earliest = min(earliest, openedAt &+ settings.headerTimeout) }
            if let block = headerBlock { earliest = min(earliest, block.startedAt &+ settings.headerTimeout) }
            for stream in streams.values where !stream.remoteClosed {
                earliest = min(earliest, stream.headAt &+ settings.bodyTimeout)
            }
            if streams.isEmpty && ready.isEmpty && starting == nil { earliest = min(earliest, lastActivity &+ settings.idleTimeout) }
        }
        if let due = liveRow.deadline { earliest = min(earliest, due) }
        return earliest == .max ? nil : earliest
    }

    // MARK: What happened

    mutating func received(_ bytes: UnsafeRawBufferPointer, now: UInt64) {
        bytesIn += bytes.count
        lastActivity = now
        var rest = bytes
        if prefaceRemaining > 0 {
            let preface = FrameWriter.clientPreface
            let offset = preface.count - prefaceRemaining
            let count = min(prefaceRemaining, rest.count)
            guard rest.prefix(count).elementsEqual(preface[offset..<(offset + count)]) else {
                return fail(HTTP2ConnectionError(.protocolError, "not the HTTP/2 connection preface"), now: now)
            }
            prefaceRemaining -= count
            rest = UnsafeRawBufferPointer(rebasing: rest[count...])
        }
        frames.append(rest)
        processFrames(now: now)
    }

    mutating func peerClosed(now: UInt64) {
        readClosed = true
        // Nobody can read what is still to come on streams the client did not finish.
        for (id, stream) in streams where !stream.remoteClosed { drop(id) }
        ready.removeAll { streams[$0] == nil }
        if streams.isEmpty && closeReason == nil && starting == nil { closeReason = shuttingDown ? .shutdown : .clientClosed }
    }

    mutating func sent(_ count: Int, now: UInt64) {
        sendStalledSince = nil
        bytesOut += count
        if output.unsentCount > 0 {
            output.consume(count)
        } else if var frame = fileFrame {
            frame.offset += count
            frame.remaining -= count
            fileFrame = frame.remaining > 0 ? frame : nil
            if fileFrame == nil { fileFrameSent(frame.streamID, now: now) }
        }
        if output.unsentCount == 0 && fileFrame == nil {
            pump(now: now)
            processFrames(now: now)
        }
    }

    mutating func writeBlocked() {
        writeIsBlocked = true
        if sendStalledSince == nil { sendStalledSince = clock.now() }
    }

    mutating func writable() { writeIsBlocked = false }

    mutating func writeFailed() { abandon(.error) }

    /// The handler's answer for the stream whose `.handle` is outstanding (`starting`).
    mutating func respond(_ response: Response, to _: consuming RequestContext, now: UInt64) {
        guard let id = starting else { return }
        starting = nil
        guard streams[id] != nil else {
            // Reset while its handler ran: the answer has nowhere to go.
            if case .file(let file) = response.body { filesToClose.append(file.fd) }
            return
        }
        begin(response, on: id, now: now)
        processFrames(now: now)
    }

    mutating func timerFired(now: UInt64) {
        if let stalled = sendStalledSince, stalled &+ settings.sendTimeout <= now { return abandon(.sendTimeout) }
        // A zero window held shut is a reader that stopped reading, whatever the socket says.
        if let stalled = windowStalledSince, stalled &+ settings.sendTimeout <= now { return abandon(.sendTimeout) }
        if closeReason == nil {
            if !sawClientSettings && openedAt &+ settings.headerTimeout <= now {
                return fail(HTTP2ConnectionError(.settingsTimeout, "no SETTINGS from the client"), now: now)
            }
            if let block = headerBlock, block.startedAt &+ settings.headerTimeout <= now {
                return fail(HTTP2ConnectionError(.protocolError, "a header block left unfinished"), now: now)
            }
            for (id, stream) in streams where !stream.remoteClosed && stream.headAt &+ settings.bodyTimeout <= now {
                resetStream(id, .cancel, now: now)
            }
            if streams.isEmpty && ready.isEmpty && starting == nil && lastActivity &+ settings.idleTimeout <= now {
                goAway(.noError, now: now)
                closeReason = .idleTimeout
            }
        }
        if fileFrame == nil {
            for id in streams.keys.sorted() where (streams[id]?.wakeAt ?? .max) <= now { wake(id, now: now) }
        }
        pump(now: now)
    }

    mutating func beginShutdown(now: UInt64) {
        shuttingDown = true
        // §6.8: graceful shutdown names the last stream that will be answered; open ones finish.
        if !goAwaySent { goAway(.noError, now: now) }
        if streams.isEmpty && starting == nil && closeReason == nil { closeReason = .shutdown }
    }

    mutating func terminate(now: UInt64, closeFile: (Int32) -> Void) {
        if closeReason == nil { beginShutdown(now: now) }
        starting = nil
        // Dropping a stream queues its file to close and cancels its body stream.
        for id in Array(streams.keys) { drop(id) }
        for fd in filesToClose { closeFile(fd) }
        filesToClose.removeAll()
        fileFrame = nil
    }

    func stamp(_ now: UInt64) -> UInt64 { max(now, lastEventAt) }

    /// Ends the connection without delivering what is still owed.
    mutating func abandon(_ reason: CloseReason) {
        for id in Array(streams.keys) { drop(id) }
        ready.removeAll()
        starting = nil
        fileFrame = nil
        closeReason = closeReason ?? reason
        output.discard()
        sendStalledSince = nil
        writeIsBlocked = false
    }

    private mutating func reportLiveState(now: UInt64) {
        let table = publisher.table
        guard table.isEnabled else { return }
        reportFrames(now: now)
        let state: ConnectionState = output.unsentCount > 0 || fileFrame != nil ? .writing
            : streams.isEmpty ? .idle : .handling
        guard liveRow.shouldReport(state: state, queueLength: streams.count, now: now) else { return }
        table.upsert(ConnectionRow(
            id: info.id, peer: info.peer, openedAt: openedAt, state: state, requests: requestsServed,
            bytesIn: bytesIn, bytesOut: bytesOut, current: streamTargets, tlsVersion: tls?.version,
            handshakeTime: tls?.duration, protocolName: .http2, openStreams: streams.count))
    }

    /// The streams in flight by target, oldest first: `/slow?ms=800 /info`.
    private var streamTargets: String? {
        guard !streams.isEmpty else { return nil }
        return streams.sorted { $0.key < $1.key }.map { $0.value.head?.target ?? "(headers)" }.joined(separator: " ")
    }
}
