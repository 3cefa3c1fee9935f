import SockeyeEvents

/// The timeline of one connection, in place of the panes: a row per request, `req#N METHOD TARGET`,
/// its wait behind earlier responses as `░` and its answer as `█` on one time axis from the
/// earliest head shown to now, then the wait and the whole time (never cut), then its status, or
/// what it is doing while live (`waiting`, `handling`).
enum TimelineView {
    private static let barColumn = 1

    static func draw(into screen: inout Screen, rect: Rect, snapshot: StatsSnapshot, connection id: UInt64, instance: Int) {
        guard rect.height >= 2, rect.width >= 10 else { return }
        let timeline = ConnectionTimeline(connection: id, instance: instance, snapshot: snapshot)
        let title = SummaryLine(items: [
            .init("Connection #\(snapshot.connectionLabel(id, instance: instance))", priority: 4), .init(timeline.peer, priority: 1),
            .init("\(timeline.entries.count) requests", priority: 2), .init("(Esc back)", priority: 3),
        ])
        screen.put(String(repeating: "─", count: rect.width), x: rect.x, y: rect.y, style: .focusedTitle)
        screen.put("▶ " + title.text(width: rect.width - 3) + " ", x: rect.x, y: rect.y, style: .focusedTitle, limit: rect.width)
        guard !timeline.entries.isEmpty else {
            screen.put(Format.truncated("no request on this connection in the recent history", to: rect.width - 1),
                       x: rect.x + 1, y: rect.y + 1, style: .dim)
            return
        }
        // The newest requests stay on screen; the axis spans the rows shown.
        let entries = timeline.entries.suffix(max(0, rect.height - 2))
        let origin = entries.map(\.headAt).min() ?? timeline.end
        let table = Table(columns(Array(entries)), x: rect.x + 1, width: rect.width - 1)
        screen.put(table.heading, x: rect.x, y: rect.y + 1, style: .bold, limit: rect.width)
        let axis = Axis(origin: origin, end: max(timeline.end, origin + 1), width: table.width(of: barColumn) ?? 0,
                        x: table.x(of: barColumn) ?? 0)
        for (offset, entry) in entries.enumerated() {
            let y = rect.y + 2 + offset
            let live: Bool
            let state: Table.Cell
            switch entry.phase {
            case .answered(let status):
                live = false
                state = .init("\(status)", style: CellStyle.forStatus(status))
            case .current(let connectionState):
                live = true
                state = .init(connectionState.rawValue)
            case .waiting:
                live = true
                state = .init("waiting")
            }
            let cells: [Table.Cell] = [
                .init(entry.label), .init(""), .init(entry.wait > 0 ? Format.duration(entry.wait) : "-"),
                .init(Format.duration(entry.total)), state,
            ]
            for span in table.row(cells, style: live ? .bold : .normal) {
                screen.put(span.text, x: span.x, y: y, style: span.style)
            }
            axis.draw(entry, into: &screen, y: y)
        }
    }

    /// The request, the bar (taking the room left), WAIT, TOTAL and the status or live state. When
    /// narrow the status goes first, then WAIT; the numbers are never cut.
    private static func columns(_ entries: [ConnectionTimeline.Entry]) -> [Table.Column] {
        let widestLabel = entries.map(\.label.count).max() ?? 0
        return [
            .text("REQUEST", width: min(widestLabel, 32), minimum: min(widestLabel, 14), priority: 5),
            .text("░ wait  █ answer", width: 16, minimum: 4, priority: 4, grows: true),
            .number("WAIT", widest: Format.valueWidth, priority: 2),
            .number("TOTAL", widest: Format.valueWidth, priority: 3),
            .text("", width: 8, minimum: 7, priority: 1),
        ]
    }

    /// Times to columns of the bar: `origin` at its first, `end` just past its last.
    private struct Axis {
        let origin: UInt64
        let end: UInt64
        let width: Int
        let x: Int

        private func column(_ time: UInt64) -> Int {
            let elapsed = min(time &- min(time, origin), end - origin)
            return Int(elapsed * UInt64(width) / (end - origin))
        }

        /// `░` from the head to the answer's start, `█` from there to its end; each at least one
        /// column when it took any time, and the whole bar inside the axis.
        func draw(_ entry: ConnectionTimeline.Entry, into screen: inout Screen, y: Int) {
            guard width > 0 else { return }
            let waitColumns = entry.wait > 0 ? max(1, column(entry.waitEnd) - column(entry.headAt)) : 0
            let answerColumns = entry.answerEnd > entry.waitEnd ? max(1, column(entry.answerEnd) - column(entry.waitEnd)) : 0
            let length = min(width, waitColumns + answerColumns)
            let start = min(column(entry.headAt), width - length)
            let shownWait = min(waitColumns, length)
            screen.put(String(repeating: "░", count: shownWait), x: x + start, y: y, style: .barWait)
            screen.put(String(repeating: "█", count: length - shownWait), x: x + start + shownWait, y: y, style: .barTransfer)
        }
    }
}
