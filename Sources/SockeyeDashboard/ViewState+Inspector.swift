import SockeyeEvents

/// A request the inspector shows, by its connection and its number there.
public struct InspectedRequest: Sendable, Equatable {
    public var connection: UInt64
    public var sequence: Int
    /// Which server of a fleet it is on; 0 in a server's own dashboard.
    public var instance: Int

    public init(connection: UInt64, sequence: Int, instance: Int = 0) {
        self.connection = connection
        self.sequence = sequence
        self.instance = instance
    }
}

extension ViewState {
    /// `i`: inspects the newest completed request; it stays inspected while newer ones complete.
    public mutating func openInspector(in snapshot: StatsSnapshot) {
        guard let newest = snapshot.recentRequests.last else { return }
        inspected = InspectedRequest(connection: newest.connection, sequence: newest.sequence, instance: newest.instance)
    }
}
