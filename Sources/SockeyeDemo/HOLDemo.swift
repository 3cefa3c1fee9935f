#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents
import SockeyeSockets
import Synchronization

/// Runs the same three requests — small, slow, small — against a server: one at a time on one
/// connection, pipelined on one connection, on three parallel connections, and as three HTTP/2
/// streams on one connection (the fix: streams do not wait for each other).
public struct HOLDemo: Sendable {
    public let host: String
    public let port: Int
    public let paths: [String]
    /// Each response may take as long as /slow, and then some.
    let responseLimits: ResponseLimits

    public init(host: String, port: Int, slowMilliseconds: Int) {
        self.host = host
        self.port = port
        paths = ["/", "/slow?ms=\(slowMilliseconds)", "/info"]
        responseLimits = ResponseLimits(timeoutMilliseconds: slowMilliseconds + 30_000)
    }

    /// The HTTP/2 way is left out when the server does not speak HTTP/2 with prior knowledge.
    public func run() throws -> [DemoWay] {
        let ways = [try sequential(), try pipelined(), try parallel()]
        guard let multiplexed = try? multiplexed() else { return ways }
        return ways + [multiplexed]
    }

    func multiplexed() throws -> DemoWay {
        let exchange = MultiplexedExchange(host: host, port: port, timeoutMilliseconds: responseLimits.timeoutMilliseconds)
        return DemoWay(kind: .multiplexed, requests: try exchange.run(paths))
    }

    func request(_ path: String) -> [UInt8] {
        DemoRequest.get(path, host: host, port: port)
    }

    func sequential() throws -> DemoWay {
        let socket = try Socket.connect(host: host, port: port)
        defer { socket.close() }
        var reader = ResponseReader(source: socket, limits: responseLimits)
        let start = MonotonicClock.now()
        var timings: [RequestTiming] = []
        for path in paths {
            let sent = MonotonicClock.now()
            try socket.writeAll(request(path))
            let response = try reader.next()
            timings.append(RequestTiming(path: path, status: response.status, server: response.server, sent: sent - start,
                                         firstByte: response.firstByte - start, lastByte: response.lastByte - start))
        }
        return DemoWay(kind: .sequential, requests: timings)
    }

    /// All three in one write; responses must come back in order (RFC 9112 §9.3.2), so the small
    /// request behind the slow one waits.
    func pipelined() throws -> DemoWay {
        let socket = try Socket.connect(host: host, port: port)
        defer { socket.close() }
        var reader = ResponseReader(source: socket, limits: responseLimits)
        let start = MonotonicClock.now()
        try socket.writeAll(paths.flatMap(request))
        var timings: [RequestTiming] = []
        for path in paths {
            let response = try reader.next()
            timings.append(RequestTiming(path: path, status: response.status, server: response.server, sent: 0,
                                         firstByte: response.firstByte - start, lastByte: response.lastByte - start))
        }
        return DemoWay(kind: .pipelined, requests: timings)
    }

    /// One connection per request, like a browser's connection pool.
    func parallel() throws -> DemoWay {
        let sockets = try paths.map { _ in try Socket.connect(host: host, port: port) }
        defer { sockets.forEach { $0.close() } }
        let start = MonotonicClock.now()
        let results = Mutex<[Int: Result<RequestTiming, any Error>]>([:])
        let threads = paths.enumerated().compactMap { index, path -> pthread_t? in
            let socket = sockets[index]
            return ThreadSpawner.spawn {
                let outcome = Result<RequestTiming, any Error> {
                    let sent = MonotonicClock.now()
                    try socket.writeAll(request(path))
                    var reader = ResponseReader(source: socket, limits: responseLimits)
                    let response = try reader.next()
                    return RequestTiming(path: path, status: response.status, server: response.server, sent: sent - start,
                                         firstByte: response.firstByte - start, lastByte: response.lastByte - start)
                }
                results.withLock { $0[index] = outcome }
            }
        }
        for thread in threads { pthread_join(thread, nil) }
        let timings = try results.withLock { finished in try paths.indices.map { try finished[$0]!.get() } }
        return DemoWay(kind: .parallel, requests: timings)
    }
}
