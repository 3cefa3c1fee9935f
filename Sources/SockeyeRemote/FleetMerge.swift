import SockeyeEvents

/// Several servers' reports as one snapshot: totals and histograms summed, connections and records
/// side by side (tagged with their server), the p99 wait the worst server's. A server that is down
/// keeps its totals and its records in the panes (they happened) but shows no open connections.
enum FleetMerge {
    static func merge(_ members: [FleetMember], now: UInt64, resetAt: UInt64) -> StatsSnapshot {
        var merged = StatsSnapshot()
        merged.takenAt = now
        merged.instances = members.map(\.status)
        merged.identity = identity(members)
        var requests: [RequestRecord] = [], waits: [RequestRecord] = []
        for member in members {
            guard let report = member.report else { continue }
            merged.uptime = max(merged.uptime, report.uptime)
            merged.connectionsAccepted += report.connectionsAccepted
            merged.connectionsRefused += report.connectionsRefused
            merged.requests += report.requests
            merged.rejected += report.rejected
            merged.bytesIn += report.bytesIn
            merged.bytesOut += report.bytesOut
            merged.statusClasses = add(merged.statusClasses, report.statusClasses)
            merged.droppedEvents += report.droppedEvents
            merged.tlsHandshakes += report.tlsHandshakes
            merged.tlsFailures += report.tlsFailures
            merged.waitP50 = max(merged.waitP50, report.waitP50)
            merged.waitP99 = max(merged.waitP99, report.waitP99)
            merged.waitMax = max(merged.waitMax, report.waitMax)
            let baseline = member.baseline ?? StatsSnapshot()
            merged.waitedRequests += max(0, report.waitedRequests - baseline.waitedRequests)
            merged.requestsPerConnection = add(merged.requestsPerConnection, subtract(report.requestsPerConnection, baseline.requestsPerConnection))
            merged.closeReasons.merge(since(report.closeReasons, baseline.closeReasons), uniquingKeysWith: +)
            merged.rejectionsByReason.merge(since(report.rejectionsByReason, baseline.rejectionsByReason), uniquingKeysWith: +)
            merged.requestsPerSecond = addAlignedAtEnd(merged.requestsPerSecond, report.requestsPerSecond)
            requests += report.recentRequests.filter { $0.finishedAt > resetAt }
            waits += report.recentWaits.filter { $0.finishedAt > resetAt }
            if member.status.isUp {
                merged.connectionsOpen += report.connectionsOpen
                merged.connections += report.connections
            }
        }
        merged.recentRequests = newest(requests, limit: 200)
        merged.recentWaits = newest(waits, limit: 50)
        return merged
    }

    /// One server is named by its own identity; a fleet by how many of its servers answer.
    private static func identity(_ members: [FleetMember]) -> ServerIdentity? {
        guard members.count > 1 else { return members.first?.report?.identity }
        let up = members.filter(\.status.isUp).count
        return ServerIdentity(address: "fleet of \(members.count), \(up) up", model: "", workers: 0)
    }

    private static func newest(_ records: [RequestRecord], limit: Int) -> [RequestRecord] {
        Array(records.sorted { ($0.finishedAt, $0.instance) < ($1.finishedAt, $1.instance) }.suffix(limit))
    }

    static func add(_ left: [Int], _ right: [Int]) -> [Int] {
        (0..<max(left.count, right.count)).map { (left.indices.contains($0) ? left[$0] : 0) + (right.indices.contains($0) ? right[$0] : 0) }
    }

    /// Per-second rates from servers sampled at different moments, lined up on the newest second.
    static func addAlignedAtEnd(_ left: [Int], _ right: [Int]) -> [Int] {
        let count = max(left.count, right.count)
        let left = [Int](repeating: 0, count: count - left.count) + left
        let right = [Int](repeating: 0, count: count - right.count) + right
        return zip(left, right).map(+)
    }

    /// Counts since the baseline; a server restarted since (its counts went down) counts from zero.
    private static func subtract(_ counts: [Int], _ baseline: [Int]) -> [Int] {
        let difference = counts.indices.map { counts[$0] - (baseline.indices.contains($0) ? baseline[$0] : 0) }
        return difference.contains { $0 < 0 } ? counts : difference
    }

    private static func since<Key>(_ counts: [Key: Int], _ baseline: [Key: Int]) -> [Key: Int] {
        let difference = counts.mapValues { $0 }.merging(baseline.mapValues { -$0 }, uniquingKeysWith: +)
        return difference.values.contains { $0 < 0 } ? counts : difference.filter { $0.value != 0 }
    }
}
