import SockeyeEvents

extension StatsSnapshot {
    /// A connection as the panes name it: `12`, or `b:12` in a fleet, tagged with its server.
    func connectionLabel(_ id: UInt64, instance: Int) -> String {
        guard instances.count > 1, instances.indices.contains(instance) else { return "\(id)" }
        return "\(instances[instance].tag):\(id)"
    }
}
