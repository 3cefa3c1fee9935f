#if canImport(Glibc)
import Glibc
#endif
import CSockeye
import SockeyeEvents
import SockeyeSockets

/// One epoll loop on one thread (level-triggered). It owns its connections in a flat table
/// indexed by file descriptor; timers (delays, chunk intervals, timeouts) live in a heap on the
/// loop, so nothing ever sleeps here.
final class EventLoop {
    private let context: ServerContext
    /// The context's router, held here so each turn passes the loop's own reference.
    private let router: Router
    private let listener: Socket
    private let epoll: Epoll
    private let wakeFD: Int32
    private var slots: [ConnectionSlot?] = []
    private var openCount = 0
    private var timers = TimerHeap()
    private let dates = DateCache(unixSeconds: time(nil))
    /// This loop's events, handed to the bus at most `EventBatch.maxHeldNanoseconds` after a pass
    /// left them (`flush(ifDueAt:)`): the wait's timeout wakes the loop for it.
    private let events: EventBatch
    private var graceDeadline: UInt64?
    /// Every read lands here first; the parser keeps only unconsumed bytes, so idle connections
    /// hold no read buffer.
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    /// - Parameter index: this loop's number among the loops; it picks the loop's ring on the bus.
    init(context: ServerContext, listener: Socket, index: Int) throws(SocketError) {
        self.context = context
        router = context.router
        self.listener = listener
        events = EventBatch(bus: context.bus, ring: index)
        epoll = try Epoll()
        wakeFD = eventfd(0, Int32(EFD_CLOEXEC) | Int32(EFD_NONBLOCK))
        guard wakeFD >= 0 else { throw SocketError("eventfd") }
        // EPOLLEXCLUSIVE: one loop wakes per new connection, not all of them.
        try epoll.add(listener.fd, events: EPOLLIN.rawValue | UInt32(csockeye_epollexclusive))
        try epoll.add(wakeFD, events: EPOLLIN.rawValue)
    }

    /// Asks the loop (from any thread) to begin its graceful shutdown.
    func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    func run() {
        // Not an array: passing one inout to each wait checked its uniqueness every time.
        let ready = UnsafeMutableBufferPointer<epoll_event>.allocate(capacity: 256)
        ready.initialize(repeating: epoll_event())
        defer { ready.deallocate() }
        var newHandshakes: [Int] = []
        var now = MonotonicClock.now()
        while true {
            let flushDue = events.flush(ifDueAt: now)
            // Counted from this pass's wake-up, not a fresh reading (as libuv counts from its loop
            // time): a timer that fell due during the pass fires at most the pass's length late.
            let count = epoll.wait(into: ready, timeout: timeout(now: now, flushDue: flushDue))
            now = MonotonicClock.now()
            dates.refresh(monotonicNow: now)
            for index in 0..<count {
                let fd = ready[index].data.fd
                if fd == listener.fd {
                    acceptConnections(now: now)
                } else if fd == wakeFD {
                    beginShutdown(now: now)
                } else if let slot = slot(fd) {
                    // A ClientHello costs the loop ~0.4 ms of key exchange and signing: finish the
                    // connections already under way in this batch first, then start new handshakes.
                    if slot.awaitsClientHello {
                        newHandshakes.append(index)
                    } else {
                        handle(slot, events: ready[index].events, now: now)
                    }
                }
            }
            if !newHandshakes.isEmpty {
                for index in newHandshakes {
                    if let slot = slot(ready[index].data.fd) { handle(slot, events: ready[index].events, now: now) }
                }
                newHandshakes.removeAll(keepingCapacity: true)
            }
            // Asked here: most passes have no timer due, and the call alone cost more than the answer.
            if let due = timers.earliest, due <= now { fireTimers(now: now) }
            if let graceDeadline, openCount == 0 || now >= graceDeadline { break }
        }
        for case let slot? in slots { close(slot, now: MonotonicClock.now()) }
        events.flush()
        epoll.remove(wakeFD)
        Glibc.close(wakeFD)
        Glibc.close(epoll.fd)
    }

    deinit { scratch.deallocate() }

    private func slot(_ fd: Int32) -> ConnectionSlot? {
        Int(fd) < slots.count ? slots[Int(fd)] : nil
    }

    private func timeout(now: UInt64, flushDue: UInt64) -> Int32 {
        let earliest = min(timers.earliest ?? .max, flushDue)
        if earliest == .max { return graceDeadline == nil ? -1 : 100 }
        if earliest <= now { return 0 }
        return Int32(min((earliest - now + 999_999) / 1_000_000, 1000))
    }

    private func acceptConnections(now: UInt64) {
        guard graceDeadline == nil else { return }
        for _ in 0..<64 {
            guard let accepted = try? listener.accept(nonBlocking: true) else { return }
            let (socket, peer) = accepted
            guard let info = context.admit(socket, peer: peer, events: events, now: now) else { continue }
            try? socket.setNoDelay()
            let connection = context.makeConnection(info, dates: dates, batch: events, now: now)
            let slot = ConnectionSlot(socket: socket, connection: connection, registeredEvents: Epoll.readable)
            if let tls = context.config.tls {
                slot.tls = TLSSession(context: tls, socket: socket, now: now)
                slot.handshakeDeadline = now &+ context.settings.tlsHandshakeTimeout
            }
            do {
                try epoll.add(socket.fd, events: Epoll.readable)
            } catch {
                socket.close()
                context.release(connection, now: now)
                continue
            }
            if Int(socket.fd) >= slots.count {
                slots.append(contentsOf: repeatElement(nil, count: Int(socket.fd) + 1 - slots.count + 64))
            }
            slots[Int(socket.fd)] = slot
            openCount += 1
            if slot.handshakeDeadline != nil { settleHandshake(slot) } else { settle(slot, now: now) }
        }
    }

    private func handle(_ slot: ConnectionSlot, events: UInt32, now: UInt64) {
        if slot.lingerUntil != nil {
            drain(slot, now: now)
            return
        }
        if slot.handshakeDeadline != nil {
            advanceHandshake(slot, now: now)
            return
        }
        if events & Epoll.readable != 0 && slot.connection.wantsRead {
            read(slot, now: now)
        } else if events & Epoll.hangup != 0 {
            slot.connection.writeFailed()
        }
        if events & Epoll.writable != 0 { slot.connection.writable() }
        settle(slot, now: now)
    }

    /// Runs the TLS handshake as far as the socket allows; once established the connection is
    /// HTTP like any other.
    private func advanceHandshake(_ slot: ConnectionSlot, now: UInt64) {
        guard let session = slot.tls else {
            slot.connection.tlsFailed(reason: "cannot create a TLS session", now: now)
            return close(slot, now: now)
        }
        slot.handshakeBegun = true
        switch session.handshake(connection: slot.connection.info.id) {
        case .established(let record):
            slot.handshakeDeadline = nil
            slot.connection.tlsEstablished(record, now: now)
            // The client's first request usually travels with its Finished message: read it now,
            // not a whole epoll round (and every other handshake in it) later.
            if slot.connection.wantsRead { read(slot, now: now) }
            settle(slot, now: now)
        case .wantRead:
            slot.handshakeWants = Epoll.readable
            settleHandshake(slot)
        case .wantWrite:
            slot.handshakeWants = Epoll.writable
            settleHandshake(slot)
        case .failed(let reason):
            slot.connection.tlsFailed(reason: reason, now: now)
            close(slot, now: now)
        }
    }

    private func settleHandshake(_ slot: ConnectionSlot) {
        setInterest(slot, slot.handshakeWants)
        if let deadline = slot.handshakeDeadline, deadline != slot.armedDeadline {
            slot.armedDeadline = deadline
            timers.push(TimerHeap.Entry(deadline: deadline, fd: slot.socket.fd, connection: slot.connection.info.id))
        }
    }

    private func setInterest(_ slot: ConnectionSlot, _ wanted: UInt32) {
        guard wanted != slot.registeredEvents else { return }
        try? epoll.modify(slot.socket.fd, events: wanted)
        slot.registeredEvents = wanted
    }

    private func read(_ slot: ConnectionSlot, now: UInt64) {
        switch slot.transport.read(into: scratch) {
        case .bytes(let count):
            slot.connection.received(UnsafeRawBufferPointer(rebasing: scratch[0..<count]), now: now)
        case .closed:
            slot.connection.peerClosed(now: now)
        case .wouldBlock:
            break
        }
    }

    /// Carries out what the connection asks, then brings epoll interest and the timer in line
    /// with what it waits for, or closes it.
    private func settle(_ slot: ConnectionSlot, now: UInt64) {
        switch slot.connection.run(on: slot.transport, router: router, scratch: scratch, now: now) {
        case .close(let mode):
            if mode == .lingering && graceDeadline == nil {
                startLingering(slot, now: now)
            } else {
                close(slot, now: now)
            }
        case .wait(let wait):
            setInterest(slot, (wait.read ? Epoll.readable : 0) | (wait.write ? Epoll.writable : 0))
            // One heap entry per connection at a time: a later deadline (the idle timer moves on every
            // request) keeps the armed entry, which fires early and re-arms; only an earlier one pushes.
            if let deadline = wait.deadline, deadline < slot.armedDeadline ?? .max {
                slot.armedDeadline = deadline
                timers.push(TimerHeap.Entry(deadline: deadline, fd: slot.socket.fd, connection: slot.connection.info.id))
            }
        }
    }

    /// Half-close, then read and discard until the client closes or two seconds pass.
    private func startLingering(_ slot: ConnectionSlot, now: UInt64) {
        slot.tls?.sendCloseNotify()
        slot.socket.shutdownWrite()
        let until = now &+ 2_000_000_000
        slot.lingerUntil = until
        setInterest(slot, Epoll.readable)
        slot.armedDeadline = until
        timers.push(TimerHeap.Entry(deadline: until, fd: slot.socket.fd, connection: slot.connection.info.id))
    }

    private func drain(_ slot: ConnectionSlot, now: UInt64) {
        for _ in 0..<16 {
            switch (try? slot.socket.read(into: scratch)) ?? .closed {
            case .bytes: continue
            case .wouldBlock: return
            case .closed: return close(slot, now: now)
            }
        }
    }

    private func fireTimers(now: UInt64) {
        while let entry = timers.popDue(now: now) {
            guard let slot = slot(entry.fd), slot.connection.info.id == entry.connection,
                  slot.armedDeadline == entry.deadline
            else { continue }
            if let until = slot.lingerUntil ?? slot.handshakeDeadline {
                if until <= now {
                    if slot.handshakeDeadline != nil { slot.connection.tlsFailed(reason: "handshake timeout", now: now) }
                    close(slot, now: now)
                }
                continue
            }
            slot.armedDeadline = nil
            if let deadline = slot.connection.deadline, deadline <= now { slot.connection.timerFired(now: now) }
            settle(slot, now: now)
        }
    }

    private func beginShutdown(now: UInt64) {
        guard graceDeadline == nil else { return }
        graceDeadline = now &+ ConnectionSettings.nanoseconds(context.config.shutdownGrace)
        epoll.remove(listener.fd)
        for case let slot? in slots {
            slot.connection.beginShutdown(now: now)
            if slot.handshakeDeadline != nil { close(slot, now: now) } else { settle(slot, now: now) }
        }
    }

    private func close(_ slot: ConnectionSlot, now: UInt64) {
        let fd = slot.socket.fd
        guard Int(fd) < slots.count, slots[Int(fd)] === slot else { return }
        slot.connection.terminate(now: now) { Glibc.close($0) }
        slot.tls?.sendCloseNotify()
        epoll.remove(fd)
        slot.socket.close()
        slots[Int(fd)] = nil
        openCount -= 1
        context.release(slot.connection, now: now)
    }
}

@available(*, unavailable)
extension EventLoop: Sendable {}
