#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents
import SockeyeServer

/// Reads HTTP/1.1 responses off a blocking socket in order, noting when each one's first and last
/// bytes arrived. Bodies are framed by Content-Length (what the demo's routes send).
struct ResponseReader {
    enum ReadError: Error, CustomStringConvertible {
        case closed
        case malformed(String)

        var description: String {
            switch self {
            case .closed: "the server closed the connection early"
            case .malformed(let detail): "malformed response: \(detail)"
            }
        }
    }

    let socket: Socket
    private var buffer: [UInt8] = []
    /// When the bytes now at the front of the buffer arrived.
    private var frontArrivedAt: UInt64?

    init(socket: Socket) { self.socket = socket }

    /// Reads one whole response; returns its status and its first/last byte times.
    mutating func next() throws -> (status: Int, firstByte: UInt64, lastByte: UInt64) {
        while true {
            if let (status, length) = try parsedResponse(), let firstByte = frontArrivedAt {
                buffer.removeFirst(length)
                let lastByte = lastArrival
                frontArrivedAt = buffer.isEmpty ? nil : lastArrival
                return (status, firstByte, lastByte)
            }
            try receive()
        }
    }

    private var lastArrival: UInt64 = 0

    private mutating func receive() throws {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let result = try chunk.withUnsafeMutableBytes { try socket.read(into: $0) }
        let now = MonotonicClock.now()
        guard case .bytes(let count) = result else { throw ReadError.closed }
        if buffer.isEmpty { frontArrivedAt = now }
        buffer += chunk[0..<count]
        lastArrival = now
    }

    /// Status and total length of the response at the front of the buffer, if it is complete.
    private func parsedResponse() throws -> (Int, Int)? {
        guard let headEnd = buffer.firstRange(of: Array("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: buffer[..<headEnd.lowerBound], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else {
            throw ReadError.malformed(String(lines.first ?? ""))
        }
        let lengthLine = lines.dropFirst().first { $0.lowercased().hasPrefix("content-length:") }
        guard let lengthLine, let length = Int(lengthLine.dropFirst("content-length:".count).trimmingPrefix(" ")) else {
            throw ReadError.malformed("no Content-Length")
        }
        let total = headEnd.upperBound + length
        return buffer.count >= total ? (status, total) : nil
    }
}
