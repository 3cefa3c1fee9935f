#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Wakes the event pump before its interval is up, when a ring fills faster than the pump's
/// period drains it. A pipe, so the pump can wait with a timeout; at most one byte is in flight
/// per wake-up, so producers pay a syscall only when the pump is asleep and needed.
final class Doorbell: Sendable {
    private let readFD: Int32
    private let writeFD: Int32
    private let rung = Atomic<Bool>(false)

    init() {
        var fds: [Int32] = [-1, -1]
        // Without a pipe the pump still wakes every interval; only the early wake-up is lost.
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        if readFD >= 0 { close(readFD) }
        if writeFD >= 0 { close(writeFD) }
    }

    func ring() {
        guard writeFD >= 0, !rung.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    /// Sleeps until rung or `milliseconds` pass.
    func wait(milliseconds: Int32) {
        guard readFD >= 0 else {
            usleep(UInt32(milliseconds) * 1000)
            return
        }
        var descriptor = pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)
        if poll(&descriptor, 1, milliseconds) > 0 {
            var bytes = (UInt64(0), UInt64(0))
            _ = withUnsafeMutableBytes(of: &bytes) { read(readFD, $0.baseAddress, $0.count) }
        }
        rung.store(false, ordering: .releasing)
    }
}
