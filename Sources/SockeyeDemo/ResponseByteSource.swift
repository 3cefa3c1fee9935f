#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents
import SockeyeSockets

/// Where a `ResponseReader` gets its bytes: a connected socket, or scripted reads in tests.
protocol ResponseByteSource {
    /// Reads what has arrived into `buffer`, waiting until `deadline` (monotonic nanoseconds) at
    /// most: `.wouldBlock` when nothing came in time, `.closed` at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: UInt64) throws -> Socket.ReadResult
}

extension Socket: ResponseByteSource {
    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: UInt64) throws -> Socket.ReadResult {
        while true {
            let now = MonotonicClock.now()
            guard now < deadline else { return .wouldBlock }
            var readable = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&readable, 1, Int32(clamping: (deadline - now + 999_999) / 1_000_000))
            if ready < 0, errno != EINTR { throw SocketError("poll") }
            if ready > 0 {
                let result = try read(into: buffer)
                if result != .wouldBlock { return result }
            }
        }
    }
}
