import SockeyeEvents

extension ViewState {
    /// Enter: closes the timeline when one is open; otherwise, with the connections pane focused,
    /// opens the timeline of the connection under the cursor.
    public mutating func toggleTimeline(in snapshot: StatsSnapshot) {
        if timeline != nil {
            timeline = nil
            return
        }
        guard let row = connectionUnderCursor(in: snapshot) else { return }
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
        frames = connectionUnderCursor(in: snapshot)?.id
    }

    /// The connections pane's selected row, when that pane has focus and has rows.
    private mutating func connectionUnderCursor(in snapshot: StatsSnapshot) -> ConnectionRow? {
        guard focus == .connections, !snapshot.connections.isEmpty else { return nil }
        clampSelection(connectionCount: snapshot.connections.count)
        return ConnectionsPane.sorted(snapshot.connections, by: sort)[selectedConnection]
    }

    /// Keeps the cursor on a row as connections close.
    public mutating func clampSelection(connectionCount: Int) {
        selectedConnection = min(selectedConnection, max(0, connectionCount - 1))
    }
}
