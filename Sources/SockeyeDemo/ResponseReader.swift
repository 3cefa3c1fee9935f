import SockeyeEvents
import SockeyeSockets

/// Reads HTTP/1.1 responses in order off a connection, noting when each one's first and last
/// bytes arrived. Bodies may be framed by Content-Length, chunked, or the server closing the
/// connection; interim 1xx responses are skipped. `limits` bound each response in bytes and time.
struct ResponseReader<Source: ResponseByteSource> {
    /// A final response: its status, its Server field, and when (monotonic nanoseconds) its first
    /// and last bytes arrived.
    struct Received {
        var status: Int
        var server: String?
        var firstByte: UInt64
        var lastByte: UInt64
    }

    let source: Source
    let limits: ResponseLimits
    /// Bytes received and not yet part of a returned response: the next response's start.
    private var buffer: [UInt8] = []
    /// When the bytes now at the front of the buffer arrived.
    private var frontArrivedAt: UInt64 = 0
    private var lastArrival: UInt64 = 0
    private var sourceEnded = false

    init(source: Source, limits: ResponseLimits = ResponseLimits()) {
        self.source = source
        self.limits = limits
    }

    /// Reads the final response to the next request, which was made with `requestMethod`.
    mutating func next(requestMethod: String = "GET") throws -> Received {
        let deadline = MonotonicClock.now() + UInt64(max(0, limits.timeoutMilliseconds)) * 1_000_000
        while true {
            let (head, length) = try frameNextResponse(requestMethod: requestMethod, deadline: deadline)
            let response = Received(status: head.status, server: head.server, firstByte: frontArrivedAt, lastByte: lastArrival)
            buffer.removeFirst(length)
            // What is left arrived with the last read (the response needed it to be complete).
            frontArrivedAt = lastArrival
            switch head.status {
            case 101: throw ResponseReadError.malformed("101 Switching Protocols, but no upgrade was asked for")
            case 100..<200: continue
            default: return response
            }
        }
    }

    /// Receives until the response at the front of the buffer is complete; its head and length.
    private mutating func frameNextResponse(requestMethod: String, deadline: UInt64) throws -> (head: ReceivedHead, length: Int) {
        var framer = ResponseFramer(requestMethod: requestMethod, limits: limits)
        while true {
            if case .complete(let head, let length) = try framer.scan(buffer, endOfStream: sourceEnded) {
                return (head, length)
            }
            guard !sourceEnded else { throw ResponseReadError.closed(receivedBytes: buffer.count) }
            try receive(before: deadline)
        }
    }

    private mutating func receive(before deadline: UInt64) throws {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let result = try chunk.withUnsafeMutableBytes { try source.read(into: $0, deadline: deadline) }
        let now = MonotonicClock.now()
        switch result {
        case .bytes(let count):
            if buffer.isEmpty { frontArrivedAt = now }
            buffer += chunk[..<count]
            lastArrival = now
        case .closed:
            sourceEnded = true
        case .wouldBlock:
            throw ResponseReadError.timedOut(milliseconds: limits.timeoutMilliseconds, receivedBytes: buffer.count)
        }
    }
}
