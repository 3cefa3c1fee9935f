#if canImport(Glibc)
import Glibc
#endif

/// How a driver's turn with a connection ends: wait for the socket or a timer, or close.
enum Settled {
    case wait(ConnectionWait)
    case close(ClosingMode)
}

extension ConnectionMachine {
    /// Carries out the connection's actions (the part both drivers share) until it waits or closes.
    mutating func run(on transport: Transport, router: Router, scratch: UnsafeMutableRawBufferPointer,
                      now: UInt64) -> Settled {
        while true {
            switch nextAction(now: now) {
            case .write:
                let written = withUnsentOutput { buffer in try? transport.write(buffer) }
                report(written, now: now)
            case .sendFile(let fd, let offset, let count):
                report(try? transport.sendFile(fd: fd, offset: offset, count: count, scratch: scratch), now: now)
            case .closeFile(let fd):
                Glibc.close(fd)
            case .handle(let context):
                respond(router.respond(context), to: context, now: now)
            case .wait(let wait):
                return .wait(wait)
            case .close(let mode):
                return .close(mode)
            }
        }
    }

    /// A write's outcome: bytes sent, none (the socket is full), or nil (it failed).
    private mutating func report(_ written: Int?, now: UInt64) {
        switch written {
        case nil: writeFailed()
        case 0?: writeBlocked()
        case let count?: sent(count, now: now)
        }
    }
}
