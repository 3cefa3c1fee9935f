/// Everything a view draws, copied out at once so a frame is consistent.
public struct StatsSnapshot: Sendable {
    /// Monotonic ns when the snapshot was taken.
    public var takenAt: UInt64 = 0
    public var uptime: UInt64 = 0

    // Exact totals (from the producers' atomics).
    public var connectionsAccepted = 0
    public var connectionsOpen = 0
    public var connectionsRefused = 0
    public var requests = 0
    public var rejected = 0
    public var bytesIn = 0
    public var bytesOut = 0
    public var statusClasses = [Int](repeating: 0, count: 6)
    public var droppedEvents = 0
    public var tlsHandshakes = 0
    public var tlsFailures = 0

    /// Requests completed in each of the last 60 seconds, oldest first.
    public var requestsPerSecond: [Int] = []
    public var currentRate: Int { requestsPerSecond.last ?? 0 }

    /// Live table, owned by the server.
    public var connections: [ConnectionRow] = []

    // Keep-alive reuse.
    /// Closed connections by how many requests they served: buckets 0, 1, 2, 3–5, 6–10, 11–100, >100.
    public var requestsPerConnection = [Int](repeating: 0, count: 7)
    public static let requestsPerConnectionLabels = ["0", "1", "2", "3-5", "6-10", "11-100", ">100"]
    public var closeReasons: [CloseReason: Int] = [:]
    /// Connections closed (since the last reset, like the histogram they are counted from).
    public var connectionsClosed: Int { requestsPerConnection.reduce(0, +) }
    /// Closed connections that served more than one request.
    public var connectionsReused: Int { requestsPerConnection.dropFirst(2).reduce(0, +) }
    /// Share of closed connections that served more than one request. Open connections are left
    /// out: one that has served nothing yet says nothing about reuse.
    public var reuseRatio: Double {
        connectionsClosed > 0 ? Double(connectionsReused) / Double(connectionsClosed) : 0
    }

    // Head-of-line blocking.
    /// Recent requests that waited behind an earlier response, newest last.
    public var recentWaits: [RequestRecord] = []
    public var waitP50: UInt64 = 0
    public var waitP99: UInt64 = 0
    public var waitMax: UInt64 = 0
    public var waitedRequests = 0

    public var recentRequests: [RequestRecord] = []
    /// The heads of the last requests and their responses, oldest first (for the inspector).
    public var exchanges: [ExchangeHeads] = []
    /// HTTP/2 connections' last frames, by connection (for the frames view).
    public var frames: [UInt64: [FrameRecord]] = [:]
    /// Rejections by "status reason", e.g. "408 header timeout".
    public var rejectionsByReason: [String: Int] = [:]

    /// Who is shown, when the source knows better than the view (a server read from outside).
    public var identity: ServerIdentity?
    /// A fleet's servers, one line each; empty for one server. Rows and records carry their index.
    public var instances: [InstanceStatus] = []

    public init() {}
}
