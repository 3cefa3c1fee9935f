#if canImport(Glibc)
import Glibc
#endif
import COpenSSL
import SockeyeEvents
import SockeyeSockets

/// One connection's TLS state over its socket. Reads and writes look like the socket's own
/// (`Socket.ReadResult`, bytes written or 0 when blocked), so the drivers run the same code
/// above it; what differs is the handshake before, and `close_notify` after.
final class TLSSession {
    private let ssl: OpaquePointer
    private let startedAt: UInt64
    /// Set after the handshake; cleared by a fatal error, after which OpenSSL forbids a shutdown.
    private var canSendCloseNotify = false

    enum HandshakeStep {
        case established(TLSHandshakeRecord)
        case wantRead
        case wantWrite
        case failed(String)
    }

    /// The most plaintext one TLS record carries (RFC 8446 §5.1).
    static let maxRecordPlaintext = 16 * 1024

    init?(context: TLSContext, socket: Socket, now: UInt64) {
        guard let ssl = SSL_new(context.context) else { return nil }
        guard SSL_set_fd(ssl, socket.fd) == 1 else {
            SSL_free(ssl)
            return nil
        }
        SSL_set_accept_state(ssl)
        self.ssl = ssl
        startedAt = now
    }

    deinit { SSL_free(ssl) }

    /// Advances the handshake as far as the socket allows (on a blocking socket the call waits,
    /// so the completion time is read here, not passed in).
    func handshake(connection: UInt64) -> HandshakeStep {
        OpenSSLErrors.clear()
        let result = SSL_do_handshake(ssl)
        if result == 1 {
            canSendCloseNotify = true
            return .established(record(connection: connection, now: MonotonicClock.now()))
        }
        let code = SSL_get_error(ssl, result)
        switch code {
        case SSL_ERROR_WANT_READ: return .wantRead
        case SSL_ERROR_WANT_WRITE: return .wantWrite
        case SSL_ERROR_ZERO_RETURN: return .failed("client closed during the handshake")
        case SSL_ERROR_SYSCALL:
            let reason = OpenSSLErrors.drain()
            if !reason.isEmpty { return .failed(reason) }
            return .failed(errno == 0 ? "client closed during the handshake" : String(cString: strerror(errno)))
        default:
            let reason = OpenSSLErrors.drain()
            return .failed(reason.isEmpty ? "TLS error \(code)" : reason)
        }
    }

    /// Decrypts what has arrived into `buffer`. Reads only while a whole record fits, so OpenSSL
    /// never holds decrypted bytes back and the socket's readiness stays the truth for poll/epoll.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Socket.ReadResult {
        var total = 0
        while buffer.count - total >= Self.maxRecordPlaintext {
            OpenSSLErrors.clear()
            let count = SSL_read(ssl, buffer.baseAddress! + total, Int32(clamping: buffer.count - total))
            if count > 0 {
                total += Int(count)
                continue
            }
            switch SSL_get_error(ssl, count) {
            case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                return total > 0 ? .bytes(total) : .wouldBlock
            case SSL_ERROR_ZERO_RETURN:
                break  // close_notify received: a clean end of input
            default:
                canSendCloseNotify = false
                OpenSSLErrors.clear()
            }
            return total > 0 ? .bytes(total) : .closed
        }
        return .bytes(total)
    }

    /// Encrypts and sends what the socket accepts now; returns the plaintext count (0 when blocked).
    func write(_ buffer: UnsafeRawBufferPointer) throws(SocketError) -> Int {
        OpenSSLErrors.clear()
        let count = SSL_write(ssl, buffer.baseAddress, Int32(clamping: buffer.count))
        if count > 0 { return Int(count) }
        switch SSL_get_error(ssl, count) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return 0
        default:
            canSendCloseNotify = false
            OpenSSLErrors.clear()
            throw SocketError("SSL_write", code: EPIPE)
        }
    }

    /// Sends `close_notify` (RFC 8446 §6.1) without waiting for the client's; best effort.
    func sendCloseNotify() {
        guard canSendCloseNotify else { return }
        canSendCloseNotify = false
        OpenSSLErrors.clear()
        _ = SSL_shutdown(ssl)
        OpenSSLErrors.clear()
    }

    private func record(connection: UInt64, now: UInt64) -> TLSHandshakeRecord {
        var alpnBytes: UnsafePointer<UInt8>?
        var alpnLength: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &alpnBytes, &alpnLength)
        let alpn = alpnBytes.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(alpnLength)), as: UTF8.self) }
        return TLSHandshakeRecord(
            connection: connection,
            version: String(cString: SSL_get_version(ssl)),
            cipher: SSL_get_current_cipher(ssl).map { String(cString: SSL_CIPHER_get_name($0)) } ?? "unknown",
            alpn: alpn,
            serverName: copenssl_servername(ssl).map { String(cString: $0) },
            duration: now &- startedAt,
            at: now)
    }
}

@available(*, unavailable)
extension TLSSession: Sendable {}
