import SockeyeEvents
import SockeyeSockets

/// Pipelines `/slow` and then `count - 1` quick requests on one connection, in one write, and
/// reports when each response arrived. curl cannot pipeline; this lets a class fill a
/// connection's head-of-line queue from a second terminal and watch it on the dashboard.
public struct PipelineDemo: Sendable {
    public struct Arrival: Sendable {
        public var path: String
        public var status: Int
        /// Milliseconds from the write to the response's last byte.
        public var milliseconds: Int
    }

    public let host: String
    public let port: Int
    public let paths: [String]
    let responseLimits: ResponseLimits

    public init(host: String, port: Int, count: Int, slowMilliseconds: Int) {
        self.host = host
        self.port = port
        paths = ["/slow?ms=\(slowMilliseconds)"] + (1..<max(1, count)).map { "/info?n=\($0 + 1)" }
        responseLimits = ResponseLimits(timeoutMilliseconds: slowMilliseconds + 30_000)
    }

    /// Connects (then calls `connected`), sends every request at once, then calls `arrived` as each
    /// response completes, in order.
    public func run(connected: () -> Void, arrived: (Arrival) -> Void) throws {
        let socket = try Socket.connect(host: host, port: port)
        defer { socket.close() }
        connected()
        var reader = ResponseReader(source: socket, limits: responseLimits)
        let start = MonotonicClock.now()
        try socket.writeAll(paths.flatMap { DemoRequest.get($0, host: host, port: port) })
        for path in paths {
            let response = try reader.next()
            arrived(Arrival(path: path, status: response.status, milliseconds: Int((response.lastByte &- start) / 1_000_000)))
        }
    }
}
