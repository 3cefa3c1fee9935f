#if canImport(Glibc)
import Glibc
#endif
import CSockeye

/// A thin wrapper over a socket file descriptor: every libc socket call the server makes is here,
/// each checked the same way. EINTR is retried; EAGAIN is a result, not an error.
public struct Socket: Sendable {
    public let fd: Int32

    public init(fd: Int32) { self.fd = fd }

    public enum ReadResult: Equatable {
        case bytes(Int)
        case wouldBlock
        case closed
    }

    /// Creates a listening TCP socket (SO_REUSEADDR set) on the first address `host` resolves to that
    /// can be bound: an IPv4 or IPv6 literal, or a name such as `localhost`, whose ::1 may not be
    /// bindable where IPv6 is off. Throws `HostResolutionError` when `host` names no address, else the
    /// `SocketError` of the last address tried.
    public static func listen(host: String, port: Int, backlog: Int32 = 1024) throws -> Socket {
        let addresses = try SocketAddress.resolve(host: host, port: port)
        for address in addresses.dropLast() {
            if let socket = try? listen(on: address, backlog: backlog) { return socket }
        }
        return try listen(on: addresses[addresses.count - 1], backlog: backlog)
    }

    private static func listen(on address: SocketAddress, backlog: Int32) throws(SocketError) -> Socket {
        let fd = Glibc.socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError("socket") }
        let socket = Socket(fd: fd)
        do throws(SocketError) {
            try socket.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
            if address.family == AF_INET6 { try socket.setOption(Int32(IPPROTO_IPV6), IPV6_V6ONLY, 1) }
            let bound = address.withSockaddr { Glibc.bind(fd, $0, $1) }
            guard bound == 0 else { throw SocketError("bind \(address)") }
            guard Glibc.listen(fd, backlog) == 0 else { throw SocketError("listen") }
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Connects to `host:port` (blocking), for clients such as `sockeye demo`.
    public static func connect(host: String, port: Int) throws(SocketError) -> Socket {
        try connect(to: SocketAddress(host: host, port: port))
    }

    /// A blocking connection to `address`; with `timeoutMilliseconds`, a connect that takes longer
    /// fails with EINPROGRESS (Linux bounds `connect` by SO_SNDTIMEO), and the timeout stays on writes.
    public static func connect(to address: SocketAddress, timeoutMilliseconds: Int? = nil) throws(SocketError) -> Socket {
        let fd = Glibc.socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError("socket") }
        let socket = Socket(fd: fd)
        do throws(SocketError) {
            if let timeoutMilliseconds { try socket.setSendTimeout(milliseconds: timeoutMilliseconds) }
            guard address.withSockaddr({ Glibc.connect(fd, $0, $1) }) == 0 else { throw SocketError("connect \(address)") }
        } catch {
            socket.close()
            throw error
        }
        try? socket.setNoDelay()
        return socket
    }

    /// The address the kernel bound (its port is the one picked when binding port 0).
    public func localAddress() throws(SocketError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw SocketError("getsockname") }
        return SocketAddress(storage: storage)
    }

    /// The port the kernel bound (useful after binding port 0).
    public func localPort() throws(SocketError) -> Int { try localAddress().port }

    /// Accepts one connection, or nil when none is pending (non-blocking listener) or the
    /// listener was shut down.
    public func accept(nonBlocking: Bool) throws(SocketError) -> (Socket, SocketAddress)? {
        var storage = sockaddr_storage()
        while true {
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let flags = Int32(SOCK_CLOEXEC.rawValue) | (nonBlocking ? Int32(SOCK_NONBLOCK.rawValue) : 0)
            let client = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { csockeye_accept4(fd, $0, &length, flags) }
            }
            if client >= 0 { return (Socket(fd: client), SocketAddress(storage: storage)) }
            switch errno {
            case EINTR, ECONNABORTED: continue
            case EAGAIN, EWOULDBLOCK, EINVAL, EBADF: return nil
            default: throw SocketError("accept4")
            }
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> ReadResult {
        while true {
            let count = csockeye_read(fd, buffer.baseAddress, UInt(buffer.count))
            if count > 0 { return .bytes(count) }
            if count == 0 { return .closed }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case ECONNRESET: return .closed
            default: throw SocketError("read")
            }
        }
    }

    /// Writes what the kernel accepts now; returns the count (0 when it would block).
    /// MSG_NOSIGNAL: a peer that went away must not kill the process with SIGPIPE.
    public func write(_ buffer: UnsafeRawBufferPointer) throws(SocketError) -> Int {
        while true {
            let count = csockeye_send(fd, buffer.baseAddress, UInt(buffer.count), Int32(MSG_NOSIGNAL))
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return 0
            default: throw SocketError("send")
            }
        }
    }

    /// Writes all of `bytes`, for blocking sockets.
    public func writeAll(_ bytes: [UInt8]) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            let written: Int
            do {
                written = try bytes.withUnsafeBytes { try write(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            } catch let error as SocketError {
                throw error
            } catch {
                throw SocketError("send", code: EIO)
            }
            guard written > 0 else { throw SocketError("send", code: EAGAIN) }
            offset += written
        }
    }

    public func setNonBlocking() throws(SocketError) {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { throw SocketError("fcntl O_NONBLOCK") }
    }

    /// Bounds blocking reads: a read that waits longer fails with EAGAIN.
    public func setReceiveTimeout(milliseconds: Int) throws(SocketError) {
        try setTimeout(SO_RCVTIMEO, milliseconds: milliseconds)
    }

    /// Bounds blocking writes: a write that can send nothing for longer fails with EAGAIN
    /// (`write` then returns 0, as on a non-blocking socket).
    public func setSendTimeout(milliseconds: Int) throws(SocketError) {
        try setTimeout(SO_SNDTIMEO, milliseconds: milliseconds)
    }

    private func setTimeout(_ option: Int32, milliseconds: Int) throws(SocketError) {
        var value = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        guard setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
            throw SocketError("setsockopt \(option == SO_RCVTIMEO ? "SO_RCVTIMEO" : "SO_SNDTIMEO")")
        }
    }

    public func setNoDelay() throws(SocketError) {
        try setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
    }

    /// Stops further receives and sends; wakes a thread blocked in `accept` on this socket.
    public func shutdown() {
        _ = Glibc.shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Half-close: tells the peer we will send nothing more.
    public func shutdownWrite() {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    public func close() {
        _ = Glibc.close(fd)
    }

    private func setOption(_ level: Int32, _ name: Int32, _ value: Int32) throws(SocketError) {
        var value = value
        guard setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw SocketError("setsockopt \(name)")
        }
    }
}
