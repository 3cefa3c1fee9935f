import SockeyeEvents

/// Two lines: where and how the server runs, then the live rate and the totals.
enum HeaderView {
    static func draw(into screen: inout Screen, snapshot: StatsSnapshot, info: DashboardInfo, state: ViewState) {
        let width = screen.width
        screen.put(String(repeating: " ", count: width), x: 0, y: 0, style: .header)
        let title = " Sockeye  \(info.address)  \(info.model) ×\(info.workers)  up \(Format.clock(snapshot.uptime))"
            + (info.isTLS ? "  TLS \(snapshot.tlsHandshakes) ok \(snapshot.tlsFailures) failed" : "")
        screen.put(title, x: 0, y: 0, style: .header)
        if state.paused {
            let label = " PAUSED "
            screen.put(label, x: max(0, width - label.count - 1), y: 0, style: .paused)
        }
        let rate = "\(snapshot.currentRate) req/s "
        let sparkWidth = max(0, min(30, width / 5))
        var line = " " + rate
        screen.put(line, x: 0, y: 1, style: .bold)
        screen.put(Format.sparkline(snapshot.requestsPerSecond, width: sparkWidth), x: line.count, y: 1, style: .barTransfer)
        line += String(repeating: " ", count: sparkWidth)
        let s = snapshot.statusClasses
        let totals = "  total \(snapshot.requests)  2xx \(s[2]) 3xx \(s[3]) 4xx \(s[4]) 5xx \(s[5])"
            + "  open \(snapshot.connectionsOpen)  rejected \(snapshot.rejected)  dropped \(snapshot.droppedEvents)"

        screen.put(totals, x: line.count, y: 1)
    }
}

/// The key reminder on the last line.
enum FooterView {
    static func draw(into screen: inout Screen, state: ViewState) {
        let y = screen.height - 1
        screen.put(String(repeating: " ", count: screen.width), x: 0, y: y, style: .dim)
        let text = " q quit  p \(state.paused ? "resume" : "pause")  Tab focus  ↑↓ scroll  s sort:\(state.sort.rawValue)  r reset  ? help"
        screen.put(text, x: 0, y: y, style: .dim)
    }
}

/// The key list, drawn over the middle of the panes.
enum HelpOverlay {
    static let lines = [
        "Keys",
        "q        quit (graceful shutdown)",
        "p        pause / resume the view",
        "Tab      next pane  (Shift-Tab back)",
        "↑ ↓ j k  scroll the focused pane",
        "PgUp/Dn  scroll by ten",
        "s        sort connections",
        "r        reset recent history",
        "?        close this help",
    ]

    static func draw(into screen: inout Screen, body: Rect) {
        let boxWidth = min(body.width, 40)
        let boxHeight = min(body.height, lines.count + 2)
        let x = body.x + (body.width - boxWidth) / 2
        let y = body.y + (body.height - boxHeight) / 2
        for row in 0..<boxHeight {
            screen.put(String(repeating: " ", count: boxWidth), x: x, y: y + row, style: .title)
        }
        for (index, line) in lines.prefix(boxHeight - 2).enumerated() {
            screen.put(" " + line, x: x + 1, y: y + 1 + index, style: index == 0 ? .focusedTitle : .title, limit: boxWidth - 2)
        }
    }
}
