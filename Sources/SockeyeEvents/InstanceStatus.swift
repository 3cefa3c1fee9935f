/// One server of a fleet watched from outside (`sockeye top URL URL…`): its line above the merged panes.
public struct InstanceStatus: Sendable, Equatable {
    /// A short tag ("a", "b", …) that marks its rows in the merged panes.
    public var tag: String
    /// The admin endpoint it is read from.
    public var endpoint: String
    /// The address it serves, once it has answered.
    public var address: String?
    public var isUp: Bool
    public var requestsPerSecond: Int
    public var connectionsOpen: Int
    /// Head-of-line wait, 99th percentile over its recent waits (ns).
    public var waitP99: UInt64
    /// Responses with a 4xx or 5xx status since it started.
    public var errors: Int
    /// While down: why, and when it is tried again (monotonic ns).
    public var problem: String?
    public var retryAt: UInt64?

    public init(tag: String, endpoint: String, address: String? = nil, isUp: Bool = false, requestsPerSecond: Int = 0,
                connectionsOpen: Int = 0, waitP99: UInt64 = 0, errors: Int = 0, problem: String? = nil, retryAt: UInt64? = nil) {
        self.tag = tag
        self.endpoint = endpoint
        self.address = address
        self.isUp = isUp
        self.requestsPerSecond = requestsPerSecond
        self.connectionsOpen = connectionsOpen
        self.waitP99 = waitP99
        self.errors = errors
        self.problem = problem
        self.retryAt = retryAt
    }
}
