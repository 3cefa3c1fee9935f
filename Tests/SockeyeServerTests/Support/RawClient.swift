import Foundation

/// A raw TCP client for what curl would not send: pipelined, malformed and slow requests.
/// Every read is bounded by a receive timeout.
final class RawClient {
    let fd: Int32

    /// - Parameter receiveBuffer: a small receive buffer (set before connecting) makes a client
    ///   that does not read stall the server's writes quickly.
    init(port: Int, timeout: Double = 5, receiveBuffer: Int32? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if var size = receiveBuffer { setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size)) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        setTimeout(timeout)
    }

    deinit { close(fd) }

    func setTimeout(_ seconds: Double) { setTimeout(SO_RCVTIMEO, seconds) }

    /// Bounds `send`: a write the server does not read gives up after `seconds`.
    func setSendTimeout(_ seconds: Double) { setTimeout(SO_SNDTIMEO, seconds) }

    private func setTimeout(_ option: Int32, _ seconds: Double) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1e6))
        setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return }
            offset += written
        }
    }

    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads until the peer closes (or resets) or the timeout passes; returns what arrived and
    /// whether it closed.
    func readAll() -> (bytes: [UInt8], closed: Bool) {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count > 0 { data += buffer[0..<count] } else { return (data, count == 0 || errno == ECONNRESET) }
        }
    }

    /// Reads until `count` complete responses have arrived (or timeout/close).
    func readResponses(_ count: Int, bodyExpected: Bool = true) -> [HTTPResponse] {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let parsed = HTTPResponse.parseAll(data, bodyExpected: bodyExpected)
            if parsed.count >= count { return parsed }
            let received = read(fd, &buffer, buffer.count)
            guard received > 0 else { return parsed }
            data += buffer[0..<received]
        }
    }

    /// Whether the server closed the connection (EOF) within the timeout.
    func waitForClose() -> Bool { readAll().closed }
}
