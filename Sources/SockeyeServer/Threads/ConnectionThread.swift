#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents
import SockeyeSockets

/// The classic design: one thread per connection, blocking writes, and reads after `poll` says
/// there is something to read. The thread waits in `poll` until the connection's next deadline,
/// so a `/slow` response simply sleeps this thread — and only this one.
struct ConnectionThread {
    let context: ServerContext
    let socket: Socket
    let info: ConnectionInfo

    func run() {
        let dates = DateCache(unixSeconds: time(nil))
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 16)
        defer { scratch.deallocate() }
        var now = MonotonicClock.now()
        // The ring the acceptor published this connection's `opened` into: its events stay in one ring.
        let events = EventBatch(bus: context.bus, ring: context.bus.ring(for: info.id))
        // Published however the thread ends, after its last event.
        defer { events.flush() }
        let connection = context.makeConnection(info, dates: dates, batch: events, now: now)
        // A client that stops reading must not hold this thread in `send` for ever: a blocked
        // write gives up after 200 ms, and the connection's send timeout decides what follows.
        try? socket.setSendTimeout(milliseconds: 200)
        var tls: TLSSession?
        if let tlsContext = context.config.tls {
            tls = TLSSession(context: tlsContext, socket: socket, now: now)
            if !handshake(tls, connection: connection, now: &now) {
                socket.close()
                context.release(connection, now: MonotonicClock.now())
                return
            }
        }
        let transport = Transport(socket: socket, tls: tls)
        var shutdownSeen = false
        var closing: ClosingMode?
        while closing == nil {
            switch connection.run(on: transport, router: context.router, scratch: scratch, now: now) {
            case .close(let mode):
                closing = mode
            case .wait(let wait):
                if !shutdownSeen && context.stopping.load(ordering: .relaxed) {
                    shutdownSeen = true
                    connection.beginShutdown(now: now)
                    continue
                }
                events.flush()
                now = waitForSocket(wait, connection: connection, transport: transport, scratch: scratch, now: now)
                dates.refresh(monotonicNow: now)
            }
        }
        if closing == .lingering && !context.stopping.load(ordering: .relaxed) {
            tls?.sendCloseNotify()
            linger(scratch)
        }
        connection.terminate(now: now) { Glibc.close($0) }
        tls?.sendCloseNotify()
        socket.close()
        context.release(connection, now: MonotonicClock.now())
    }

    /// Waits in `poll` for what the connection waits for, at most 200 ms (to notice a shutdown),
    /// tells the connection what happened, and returns the time it woke.
    private func waitForSocket(_ wait: ConnectionWait, connection: ServerConnection, transport: Transport,
                               scratch: UnsafeMutableRawBufferPointer, now: UInt64) -> UInt64 {
        let interest = (wait.read ? Int16(POLLIN) : 0) | (wait.write ? Int16(POLLOUT) : 0)
        var descriptor = pollfd(fd: socket.fd, events: interest, revents: 0)
        var timeout: Int32 = 200
        if let deadline = wait.deadline {
            timeout = deadline <= now ? 0 : Int32(min((deadline - now + 999_999) / 1_000_000, 200))
        }
        let ready = poll(&descriptor, 1, timeout)
        let now = MonotonicClock.now()
        if ready > 0 && wait.read && descriptor.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
            switch transport.read(into: scratch) {
            case .bytes(let count): connection.received(UnsafeRawBufferPointer(rebasing: scratch[0..<count]), now: now)
            case .closed: connection.peerClosed(now: now)
            case .wouldBlock: break
            }
        } else if ready > 0 && descriptor.revents & Int16(POLLERR) != 0 {
            connection.writeFailed()
        }
        if ready > 0 && descriptor.revents & Int16(POLLOUT) != 0 { connection.writable() }
        if let deadline = connection.deadline, deadline <= now { connection.timerFired(now: now) }
        return now
    }

    /// The TLS handshake, bounded by the handshake timeout and server shutdown. Reads on this
    /// blocking socket give up after 200 ms (SO_RCVTIMEO) so the bounds are checked; the same
    /// timeout keeps a client that stops mid-record from holding `SSL_read` for ever.
    private func handshake(_ tls: TLSSession?, connection: ServerConnection, now: inout UInt64) -> Bool {
        guard let tls, (try? socket.setReceiveTimeout(milliseconds: 200)) != nil else {
            connection.tlsFailed(reason: "cannot create a TLS session", now: now)
            return false
        }
        let deadline = now &+ context.settings.tlsHandshakeTimeout
        while true {
            switch tls.handshake(connection: info.id) {
            case .established(let record):
                now = record.at
                connection.tlsEstablished(record, now: now)
                return true
            case .failed(let reason):
                connection.tlsFailed(reason: reason, now: now)
                return false
            case .wantRead, .wantWrite:
                now = MonotonicClock.now()
                if now >= deadline || context.stopping.load(ordering: .relaxed) {
                    connection.tlsFailed(reason: now >= deadline ? "handshake timeout" : "server shutdown", now: now)
                    return false
                }
            }
        }
    }

    /// Half-close, then read and discard until the client closes or two seconds pass, so the
    /// rejection is not destroyed by a reset (see `ClosingMode.lingering`).
    private func linger(_ scratch: UnsafeMutableRawBufferPointer) {
        socket.shutdownWrite()
        let deadline = MonotonicClock.now() &+ 2_000_000_000
        while MonotonicClock.now() < deadline {
            var descriptor = pollfd(fd: socket.fd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) >= 0 else { return }
            if descriptor.revents == 0 { continue }
            guard case .bytes? = try? socket.read(into: scratch) else { return }
        }
    }
}
