/// Counts kept by key: why connections closed, how many requests each served, why requests were
/// rejected. Kept by the producers (like the totals), so the dashboard's counts stay exact when it
/// samples its history under overload.
public struct OutcomeTally: Sendable, Equatable {
    public var closeReasons: [CloseReason: Int] = [:]
    /// Closed connections by requests served, in the buckets of `requestsPerConnectionLabels`.
    public var requestsPerConnection = [Int](repeating: 0, count: 7)
    /// Requests served by the closed connections, all together (the histogram's sum).
    public var requestsOnClosedConnections = 0
    /// `"408 header timeout"` → how many.
    public var rejectionsByReason: [String: Int] = [:]

    public init() {}

    static func bucket(_ requests: Int) -> Int {
        switch requests {
        case 0: 0
        case 1: 1
        case 2: 2
        case 3...5: 3
        case 6...10: 4
        case 11...100: 5
        default: 6
        }
    }

    mutating func countClose(_ reason: CloseReason, requests: Int) {
        closeReasons[reason, default: 0] += 1
        requestsPerConnection[Self.bucket(requests)] += 1
        requestsOnClosedConnections += requests
    }

    /// What was counted since `baseline` (the dashboard's `r` resets to a baseline).
    public func since(_ baseline: OutcomeTally) -> OutcomeTally {
        var difference = self
        for (reason, count) in baseline.closeReasons { difference.closeReasons[reason, default: 0] -= count }
        difference.closeReasons = difference.closeReasons.filter { $0.value > 0 }
        for index in requestsPerConnection.indices { difference.requestsPerConnection[index] -= baseline.requestsPerConnection[index] }
        difference.requestsOnClosedConnections -= baseline.requestsOnClosedConnections
        for (reason, count) in baseline.rejectionsByReason { difference.rejectionsByReason[reason, default: 0] -= count }
        difference.rejectionsByReason = difference.rejectionsByReason.filter { $0.value > 0 }
        return difference
    }
}
