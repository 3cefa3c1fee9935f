#if canImport(Glibc)
import Glibc
#endif
import CSockeye
import SockeyeSockets

/// The few epoll calls the loop makes, checked in one place.
struct Epoll {
    static let readable = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
    static let writable = EPOLLOUT.rawValue
    static let hangup = EPOLLHUP.rawValue | EPOLLERR.rawValue

    let fd: Int32

    init() throws(SocketError) {
        fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else { throw SocketError("epoll_create1") }
    }

    func add(_ target: Int32, events: UInt32) throws(SocketError) {
        try control(EPOLL_CTL_ADD, target, events)
    }

    func modify(_ target: Int32, events: UInt32) throws(SocketError) {
        try control(EPOLL_CTL_MOD, target, events)
    }

    func remove(_ target: Int32) {
        var event = epoll_event()
        _ = epoll_ctl(fd, EPOLL_CTL_DEL, target, &event)
    }

    /// Waits up to `timeout` ms (-1: forever); EINTR is an empty wake-up.
    func wait(into events: UnsafeMutableBufferPointer<epoll_event>, timeout: Int32) -> Int {
        max(0, Int(csockeye_epoll_wait(fd, events.baseAddress, Int32(events.count), timeout)))
    }

    private func control(_ operation: Int32, _ target: Int32, _ events: UInt32) throws(SocketError) {
        var event = epoll_event()
        event.events = events
        event.data.fd = target
        guard epoll_ctl(fd, operation, target, &event) == 0 else { throw SocketError("epoll_ctl") }
    }
}
