#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents

/// The classic design: one thread per connection, blocking writes, and reads after `poll` says
/// there is something to read. The thread waits in `poll` until the connection's next deadline,
/// so a `/slow` response simply sleeps this thread — and only this one.
struct ConnectionThread {
    let context: ServerContext
    let socket: Socket
    let info: ConnectionInfo

    func run() {
        let dates = DateCache()
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 16)
        defer { scratch.deallocate() }
        var now = MonotonicClock.now()
        // The ring the acceptor published this connection's `opened` into: its events stay in one ring.
        let events = EventBatch(bus: context.bus, ring: context.bus.ring(for: info.id))
        // Published however the thread ends, after its last event.
        defer { events.flush() }
        var connection = context.makeConnection(info, dates: dates, batch: events, now: now)
        // A client that stops reading must not hold this thread in `send` for ever: a blocked
        // write gives up after 200 ms, and the connection's send timeout decides what follows.
        try? socket.setSendTimeout(milliseconds: 200)
        var tls: TLSSession?
        if let tlsContext = context.config.tls {
            tls = TLSSession(context: tlsContext, socket: socket, now: now)
            if !handshake(tls, connection: &connection, now: &now) {
                socket.close()
                context.release(connection, now: MonotonicClock.now())
                return
            }
        }
        var shutdownSeen = false
        while true {
            flush(&connection, tls: tls, now: now)
            if connection.isFinished { break }
            connection.reportLiveState(now: now)
            if !shutdownSeen && context.stopping.load(ordering: .relaxed) {
                shutdownSeen = true
                connection.beginShutdown(now: now)
                continue
            }
            let interest = (connection.wantsRead ? Int16(POLLIN) : 0) | (connection.pendingOutputCount > 0 ? Int16(POLLOUT) : 0)
            var descriptor = pollfd(fd: socket.fd, events: interest, revents: 0)
            events.flush()
            // Wake at least every 200 ms to notice a shutdown.
            var timeout: Int32 = 200
            if let deadline = connection.deadline {
                timeout = deadline <= now ? 0 : Int32(min((deadline - now + 999_999) / 1_000_000, 200))
            }
            let ready = poll(&descriptor, 1, timeout)
            now = MonotonicClock.now()
            if ready > 0 && connection.wantsRead && descriptor.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                read(&connection, tls: tls, into: scratch, now: now)
            } else if ready > 0 && descriptor.revents & Int16(POLLERR) != 0 {
                connection.failed()
            }
            if let deadline = connection.deadline, deadline <= now { connection.tick(now: now) }
        }
        if connection.needsLingeringClose && !context.stopping.load(ordering: .relaxed) {
            tls?.sendCloseNotify()
            linger(scratch)
        }
        connection.releaseActive()
        tls?.sendCloseNotify()
        socket.close()
        context.release(connection, now: MonotonicClock.now())
    }

    /// The TLS handshake, bounded by the handshake timeout and server shutdown. Reads on this
    /// blocking socket give up after 200 ms (SO_RCVTIMEO) so the bounds are checked; the same
    /// timeout keeps a client that stops mid-record from holding `SSL_read` for ever.
    private func handshake(_ tls: TLSSession?, connection: inout HTTPConnection, now: inout UInt64) -> Bool {
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
    /// rejection is not destroyed by a reset (see `HTTPConnection.needsLingeringClose`).
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

    private func read(_ connection: inout HTTPConnection, tls: TLSSession?, into scratch: UnsafeMutableRawBufferPointer,
                      now: UInt64) {
        switch tls.map({ $0.read(into: scratch) }) ?? (try? socket.read(into: scratch)) ?? .closed {
        case .bytes(let count): connection.received(UnsafeRawBufferPointer(rebasing: scratch[0..<count]), now: now)
        case .closed: connection.peerClosed(now: now)
        case .wouldBlock: break
        }
    }

    /// Blocking writes until everything owed (including streamed file pieces) is sent, or a write
    /// times out with nothing sent (the client is not reading; `poll` waits for it from here).
    private func flush(_ connection: inout HTTPConnection, tls: TLSSession?, now: UInt64) {
        while connection.pendingOutputCount > 0 {
            var broken = false
            var blocked = false
            connection.writeOutput(now: MonotonicClock.now()) { buffer in
                do {
                    let written = try tls?.write(buffer) ?? socket.write(buffer)
                    blocked = written == 0
                    return written
                } catch {
                    broken = true
                    return 0
                }
            }
            if broken {
                connection.failed()
                return
            }
            if blocked { return }
            connection.outputDrained(now: now)
        }
    }
}
