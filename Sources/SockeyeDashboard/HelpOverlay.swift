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
        "r        reset history (totals stay)",
        "/        filter: ~c 4xx & ~m GET",
        "F        follow the newest request",
        "Enter    timeline of the selected connection",
        "i        inspect the newest request's heads",
        "f        HTTP/2 frames of the selected connection",
        "n        replay: step one event (pauses)",
        "?        close this help",
    ]

    static func draw(into screen: inout Screen, body: Rect) {
        let boxWidth = min(body.width, (lines.map(\.count).max() ?? 0) + 3)
        let boxHeight = min(body.height, lines.count + 2)
        let x = body.x + (body.width - boxWidth) / 2
        let y = body.y + (body.height - boxHeight) / 2
        for row in 0..<boxHeight {
            screen.put(String(repeating: " ", count: boxWidth), x: x, y: y + row, style: .title)
        }
        for (index, line) in lines.prefix(boxHeight - 2).enumerated() {
            screen.put(" " + Format.truncated(line, to: boxWidth - 3), x: x + 1, y: y + 1 + index, style: index == 0 ? .focusedTitle : .title)
        }
    }
}
