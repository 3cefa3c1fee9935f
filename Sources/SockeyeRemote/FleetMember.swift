import SockeyeEvents

/// One watched server as the fleet knows it: its line, its last report and what was counted at `r`.
struct FleetMember: Sendable {
    var status: InstanceStatus
    /// The last report that arrived, in this process's times; kept while the server is down.
    var report: StatsSnapshot?
    /// Its report at the last reset: keyed counts are shown since then.
    var baseline: StatsSnapshot?
}
