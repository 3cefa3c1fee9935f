import SockeyeEvents

extension ViewState {
    /// Enter: closes the timeline when one is open; otherwise, with the connections pane focused,
    /// opens the timeline of the connection under the cursor.
    public mutating func toggleTimeline(in snapshot: StatsSnapshot) {
        if timeline != nil {
            timeline = nil
            return
        }
        guard focus == .connections, !snapshot.connections.isEmpty else { return }
        clampSelection(connectionCount: snapshot.connections.count)
        let row = ConnectionsPane.sorted(snapshot.connections, by: sort)[selectedConnection]
        timeline = row.id
        timelineInstance = row.instance
    }

    /// `f`: closes the frames view when one is open; otherwise, with the connections pane focused,
    /// opens the frames of the connection under the cursor (in a server's own dashboard).
    public mutating func toggleFrames(in snapshot: StatsSnapshot) {
        if frames != nil {
            frames = nil
            return
        }
        guard focus == .connections, !snapshot.connections.isEmpty else { return }
        clampSelection(connectionCount: snapshot.connections.count)
        frames = ConnectionsPane.sorted(snapshot.connections, by: sort)[selectedConnection].id
    }

    /// Keeps the cursor on a row as connections close.
    public mutating func clampSelection(connectionCount: Int) {
        selectedConnection = min(selectedConnection, max(0, connectionCount - 1))
    }
}
