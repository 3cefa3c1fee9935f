import SockeyeEvents

/// Two lines: where and how the server runs, then the live rate and the totals. When the terminal
/// is narrow the least useful items are left out whole; rejected and dropped stay to 80 columns.
enum HeaderView {
    static let pausedLabel = " PAUSED "

    static func draw(into screen: inout Screen, snapshot: StatsSnapshot, info: DashboardInfo, state: ViewState) {
        let width = screen.width
        screen.put(String(repeating: " ", count: width), x: 0, y: 0, style: .header)
        let pausedRoom = state.paused ? pausedLabel.count + 2 : 0
        put(serverLine(snapshot, info: info), into: &screen, y: 0, width: width - 1 - pausedRoom)
        if state.paused {
            screen.put(pausedLabel, x: max(0, width - pausedLabel.count - 1), y: 0, style: .paused)
        }
        put(totalsLine(snapshot), into: &screen, y: 1, width: width - 1)
    }

    private static func put(_ line: SummaryLine, into screen: inout Screen, y: Int, width: Int) {
        for item in line.placed(width: width) {
            screen.put(item.text, x: 1 + item.x, y: y, style: item.style)
        }
    }

    private static func serverLine(_ snapshot: StatsSnapshot, info: DashboardInfo) -> SummaryLine {
        var items: [SummaryLine.Item] = [.init("Sockeye", priority: 9, style: .header), .init(info.address, priority: 8, style: .header)]
        // A fleet has no one model.
        if !info.model.isEmpty { items.append(.init("\(info.model) ×\(info.workers)", priority: 5, style: .header)) }
        items.append(.init("up \(Format.clock(snapshot.uptime))", priority: 7, style: .header))
        if info.isTLS {
            items.append(.init("TLS \(snapshot.tlsHandshakes) ok \(snapshot.tlsFailures) failed", priority: 6, style: .header))
        }
        return SummaryLine(items: items)
    }

    /// Totals since the start: `r` does not reset them. The open count is also in the connections
    /// pane's title, so it is the first to go.
    private static func totalsLine(_ snapshot: StatsSnapshot) -> SummaryLine {
        let classes = snapshot.statusClasses
        return SummaryLine(items: [
            .init("\(snapshot.currentRate) req/s", priority: 10, style: .bold),
            .sparkline(snapshot.requestsPerSecond, priority: 3, style: .barTransfer),
            .init("total \(snapshot.requests)", priority: 9),
            .init("2xx \(classes[2])", priority: 7),
            .init("3xx \(classes[3])", priority: 4),
            .init("4xx \(classes[4])", priority: 6),
            .init("5xx \(classes[5])", priority: 6),
            .init("open \(snapshot.connectionsOpen)", priority: 2),
            .init("rejected \(snapshot.rejected)", priority: 8),
            .init("dropped \(snapshot.droppedEvents)", priority: 8),
        ])
    }
}
