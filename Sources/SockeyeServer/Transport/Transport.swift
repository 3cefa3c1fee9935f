#if canImport(Glibc)
import Glibc
import SockeyeSockets
#endif

/// A connection's way in and out, the same for both drivers: the socket, through its TLS session
/// on HTTPS.
struct Transport {
    let socket: Socket
    let tls: TLSSession?

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Socket.ReadResult {
        if let tls { return tls.read(into: buffer) }
        return (try? socket.read(into: buffer)) ?? .closed
    }

    /// Writes what the kernel (or TLS) takes now; returns the count, 0 when it would block.
    func write(_ buffer: UnsafeRawBufferPointer) throws(SocketError) -> Int {
        if let tls { return try tls.write(buffer) }
        return try socket.write(buffer)
    }

    /// Sends up to `count` bytes of file `fd` from `offset`; returns the count, 0 when it would block.
    /// Plaintext goes by sendfile(2), so the bytes never enter this process. Through TLS a piece
    /// is read into `scratch` first; a write that would block is retried from the same offset
    /// with the same piece, as OpenSSL requires of a retried `SSL_write`.
    func sendFile(fd: Int32, offset: Int, count: Int, scratch: UnsafeMutableRawBufferPointer) throws(SocketError) -> Int {
        guard let tls else {
            var position = off_t(offset)
            while true {
                let sent = Glibc.sendfile(socket.fd, fd, &position, count)
                if sent > 0 { return sent }
                // 0 with bytes still promised: the file shrank under us, its length can no longer be met.
                if sent == 0 { throw SocketError("sendfile", code: EIO) }
                switch errno {
                case EINTR: continue
                case EAGAIN: return 0
                default: throw SocketError("sendfile")
                }
            }
        }
        let piece = min(count, scratch.count)
        let read = pread(fd, scratch.baseAddress, piece, off_t(offset))
        guard read > 0 else { throw SocketError("pread", code: read == 0 ? EIO : errno) }
        return try tls.write(UnsafeRawBufferPointer(rebasing: scratch[0..<read]))
    }
}
