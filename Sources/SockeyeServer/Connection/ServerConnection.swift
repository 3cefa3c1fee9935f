import HTTP2Core
import SockeyeEvents

/// The connection both drivers run: HTTP/1.1, or HTTP/2 when the client starts with the HTTP/2
/// preface (h2c with prior knowledge, RFC 9113 §3.3) or chose `h2` by ALPN during the TLS
/// handshake (§3.2). The `Upgrade: h2c` dance is deprecated by RFC 9113 (§3.1) and not offered.
/// A class: as a struct in the event loop's slot, each read of its state (`wantsRead`) copied it whole.
final class ServerConnection: ConnectionMachine {
    private var http1: HTTP1Connection<SystemClock>
    /// Set once, by `startHTTP2`.
    private var http2: HTTP2Connection<SystemClock>?
    /// Whether `http2` is set, as a flag: asking the large optional itself cost a call to its
    /// tag witness on every turn.
    private(set) var isHTTP2 = false
    /// The first bytes while they could still be the HTTP/2 preface; nil once the protocol is known.
    private var undecided: [UInt8]? = []
    private let settings: ConnectionSettings
    private let dates: DateCache

    init(info: ConnectionInfo, settings: ConnectionSettings, publisher: EventPublisher, dates: DateCache, now: UInt64) {
        http1 = HTTP1Connection(info: info, settings: settings, publisher: publisher, dates: dates, clock: SystemClock(), now: now)
        self.settings = settings
        self.dates = dates
    }

    var info: ConnectionInfo { http1.info }
    var publisher: EventPublisher { http1.publisher }
    var closeReason: CloseReason? { isHTTP2 ? http2!.closeReason : http1.closeReason }
    var requestsServed: Int { isHTTP2 ? http2!.requestsServed : http1.requestsServed }
    var bytesIn: Int { isHTTP2 ? http2!.bytesIn : http1.bytesIn }
    var bytesOut: Int { isHTTP2 ? http2!.bytesOut : http1.bytesOut }
    var lastEventAt: UInt64 { isHTTP2 ? http2!.lastEventAt : http1.lastEventAt }
    var wantsRead: Bool { isHTTP2 ? http2!.wantsRead : http1.wantsRead }
    var deadline: UInt64? { isHTTP2 ? http2!.deadline : http1.deadline }

    func received(_ bytes: UnsafeRawBufferPointer, now: UInt64) {
        guard var held = undecided else {
            if isHTTP2 { http2!.received(bytes, now: now) } else { http1.received(bytes, now: now) }
            return
        }
        held += bytes
        let preface = FrameWriter.clientPreface
        let compared = min(held.count, preface.count)
        if held.prefix(compared).elementsEqual(preface.prefix(compared)) {
            guard held.count >= preface.count else {
                undecided = held
                return
            }
            startHTTP2(now: now)
        }
        undecided = nil
        held.withUnsafeBytes { received($0, now: now) }
    }

    private func startHTTP2(now: UInt64) {
        undecided = nil
        isHTTP2 = true
        http2 = HTTP2Connection(info: http1.info, settings: settings, publisher: http1.publisher, dates: dates,
                                clock: SystemClock(), now: now, openedAt: http1.openedAt, tls: http1.tls)
    }

    func peerClosed(now: UInt64) {
        if let held = undecided, !held.isEmpty {
            // A few bytes that were neither the preface nor anything else: HTTP/1.1 judges them.
            undecided = nil
            held.withUnsafeBytes { http1.received($0, now: now) }
        }
        if isHTTP2 { http2!.peerClosed(now: now) } else { http1.peerClosed(now: now) }
    }

    /// The protocol is chosen once per turn, not per action: the runner's loop runs on the
    /// protocol's own machine, where its actions inline.
    func run(on transport: Transport, router: Router, scratch: UnsafeMutableRawBufferPointer,
                      now: UInt64) -> Settled {
        if isHTTP2 { return http2!.run(on: transport, router: router, scratch: scratch, now: now) }
        return http1.run(on: transport, router: router, scratch: scratch, now: now)
    }

    func nextAction(now: UInt64) -> ConnectionAction {
        isHTTP2 ? http2!.nextAction(now: now) : http1.nextAction(now: now)
    }

    func withUnsentOutput<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        isHTTP2 ? http2!.withUnsentOutput(body) : http1.withUnsentOutput(body)
    }

    func sent(_ count: Int, now: UInt64) {
        if isHTTP2 { http2!.sent(count, now: now) } else { http1.sent(count, now: now) }
    }

    func writeBlocked() {
        if isHTTP2 { http2!.writeBlocked() } else { http1.writeBlocked() }
    }

    func writable() {
        if isHTTP2 { http2!.writable() } else { http1.writable() }
    }

    func writeFailed() {
        if isHTTP2 { http2!.writeFailed() } else { http1.writeFailed() }
    }

    func respond(_ response: Response, to context: consuming RequestContext, now: UInt64) {
        if isHTTP2 { http2!.respond(response, to: context, now: now) } else { http1.respond(response, to: context, now: now) }
    }

    func timerFired(now: UInt64) {
        if isHTTP2 { http2!.timerFired(now: now) } else { http1.timerFired(now: now) }
    }

    func beginShutdown(now: UInt64) {
        if isHTTP2 { http2!.beginShutdown(now: now) } else { http1.beginShutdown(now: now) }
    }

    func terminate(now: UInt64, closeFile: (Int32) -> Void) {
        if isHTTP2 { http2!.terminate(now: now, closeFile: closeFile) } else { http1.terminate(now: now, closeFile: closeFile) }
    }

    /// HTTPS: ALPN decided the protocol during the handshake.
    func tlsEstablished(_ record: TLSHandshakeRecord, now: UInt64) {
        http1.tlsEstablished(record, now: now)
        if record.alpn == "h2" { startHTTP2(now: now) } else { undecided = nil }
    }

    func tlsFailed(reason: String, now: UInt64) { http1.tlsFailed(reason: reason, now: now) }
}

@available(*, unavailable)
extension ServerConnection: Sendable {}
