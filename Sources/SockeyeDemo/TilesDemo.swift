#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents
import SockeyeSockets
import Synchronization

/// `sockeye demo tiles`: a terminal "gophertiles". The same `count` tiles, each a request that
/// takes `latency` on the server (`/slow`), fetched three ways: over HTTP/1.1 on one connection,
/// on six (a browser's pool), and as HTTP/2 streams on one connection.
public struct TilesDemo: Sendable {
    public enum Lane: String, Sendable, CaseIterable {
        case oneConnection = "http1-1", sixConnections = "http1-6", http2 = "h2"

        public var title: String {
            switch self {
            case .oneConnection: "HTTP/1.1, 1 connection"
            case .sixConnections: "HTTP/1.1, 6 connections"
            case .http2: "HTTP/2, 1 connection"
            }
        }
    }

    /// When each tile of a lane arrived (ns from the lane's start), and the lane's total.
    public struct LaneResult: Sendable, Equatable {
        public var lane: Lane
        public var arrivals: [UInt64]
        public var total: UInt64 { arrivals.max() ?? 0 }
    }

    /// Sockeye's concurrent-stream limit: the HTTP/2 lane asks for every tile at once.
    public static let maximumCount = 100
    public let host: String
    public let port: Int
    public let count: Int
    public let latencyMilliseconds: Int
    let limits: ResponseLimits

    public init(host: String, port: Int, count: Int, latencyMilliseconds: Int) {
        self.host = host
        self.port = port
        self.count = count
        self.latencyMilliseconds = latencyMilliseconds
        limits = ResponseLimits(timeoutMilliseconds: count * latencyMilliseconds + 30_000)
    }

    func path(_ tile: Int) -> String { "/slow?ms=\(latencyMilliseconds)&tile=\(tile + 1)" }

    /// Runs `lane`; `arrived(tile, time)` is called as each tile's response completes (from any thread).
    public func run(_ lane: Lane, arrived: @escaping @Sendable (Int, UInt64) -> Void) throws -> LaneResult {
        switch lane {
        case .oneConnection: LaneResult(lane: lane, arrivals: try fetch(connections: 1, arrived: arrived))
        case .sixConnections: LaneResult(lane: lane, arrivals: try fetch(connections: 6, arrived: arrived))
        case .http2:
            LaneResult(lane: lane, arrivals: try MultiplexedExchange(host: host, port: port, timeoutMilliseconds: limits.timeoutMilliseconds)
                .run((0..<count).map(path)) { tile, time in arrived(tile, time) }.map(\.lastByte))
        }
    }

    /// HTTP/1.1 on `connections` keep-alive connections, each taking the next tile when its last one
    /// is answered (browsers do not pipeline).
    private func fetch(connections: Int, arrived: @escaping @Sendable (Int, UInt64) -> Void) throws -> [UInt64] {
        let start = MonotonicClock.now()
        let next = Atomic<Int>(0)
        let results = Mutex<[Swift.Result<[(Int, UInt64)], any Error>]>([])
        let threads = (0..<connections).compactMap { _ in
            ThreadSpawner.spawn {
                let outcome = Swift.Result<[(Int, UInt64)], any Error> {
                    let socket = try Socket.connect(host: host, port: port)
                    defer { socket.close() }
                    var reader = ResponseReader(source: socket, limits: limits)
                    var mine: [(Int, UInt64)] = []
                    while true {
                        let tile = next.add(1, ordering: .relaxed).oldValue
                        guard tile < count else { return mine }
                        try socket.writeAll(DemoRequest.get(path(tile), host: host, port: port))
                        let time = try reader.next().lastByte - start
                        mine.append((tile, time))
                        arrived(tile, time)
                    }
                }
                results.withLock { $0.append(outcome) }
            }
        }
        for thread in threads { pthread_join(thread, nil) }
        var arrivals = [UInt64](repeating: 0, count: count)
        for outcome in results.withLock({ $0 }) {
            for (tile, time) in try outcome.get() { arrivals[tile] = time }
        }
        return arrivals
    }
}
