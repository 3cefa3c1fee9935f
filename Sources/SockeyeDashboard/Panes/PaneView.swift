import SockeyeEvents

/// Draws one pane: a title row (focus marked with ▶ as well as by style), an optional heading that
/// stays put, and scrollable rows.
enum PaneView {
    static func draw(_ pane: ViewState.PaneID, into screen: inout Screen, rect: Rect, snapshot: StatsSnapshot, state: ViewState,
                     tls: Bool) {
        guard rect.height >= 2, rect.width >= 10 else { return }
        let focused = state.focus == pane
        let content: PaneContent
        switch pane {
        case .connections:
            content = ConnectionsPane.content(snapshot, sort: state.sort, selected: state.selectedConnection, width: rect.width, tls: tls)
        case .reuse: content = ReusePane.content(snapshot, width: rect.width)
        case .waits: content = WaitsPane.content(snapshot, width: rect.width, filter: state.filter)
        case .recent: content = RecentPane.content(snapshot, width: rect.width, filter: state.filter, following: state.followNewest)
        }
        let marker = focused ? "▶ " : "  "
        let titleStyle: CellStyle = focused ? .focusedTitle : .title
        screen.put(String(repeating: "─", count: rect.width), x: rect.x, y: rect.y, style: titleStyle)
        let title = content.title.text(width: rect.width - marker.count - 1)
        screen.put(marker + title + " ", x: rect.x, y: rect.y, style: titleStyle, limit: rect.width)
        var y = rect.y + 1
        if let heading = content.heading {
            screen.put(heading, x: rect.x, y: y, style: .bold, limit: rect.width)
            y += 1
        }
        let visible = rect.y + rect.height - y
        guard visible > 0 else { return }
        let selected = content.selectedRow.map { min($0, content.rowCount - 1) }
        // A pane with a cursor scrolls to keep it in view.
        let offset = selected.map { max(0, $0 - visible + 1) } ?? min(state.scrollOffset(pane), max(0, content.rowCount - visible))
        for index in offset..<min(content.rowCount, offset + visible) {
            for span in content.row(index) {
                screen.put(span.text, x: rect.x + span.x, y: y, style: span.style, limit: max(0, rect.width - span.x))
            }
            if focused && index == selected {
                screen.put("▸", x: rect.x, y: y, style: .bold)
                screen.style(x: rect.x + 1, y: y, length: rect.width - 1, .selected)
            }
            y += 1
        }
        if content.rowCount == 0 {
            screen.put(Format.truncated(content.emptyText, to: rect.width - 1), x: rect.x + 1, y: y, style: .dim)
        }
    }
}

/// A pane's text before placement: title, an optional heading (column titles or a summary), rows
/// of styled spans.
struct PaneContent {
    struct Span {
        var x: Int
        var text: String
        var style: CellStyle = .normal
    }

    var title: SummaryLine
    var heading: String?
    /// How many rows the pane has; `row(i)` builds one. Only the rows on screen are built, so a
    /// pane over 200 recent requests (or 10,000 open connections) costs what the screen shows,
    /// not what the snapshot holds (building every row was most of a frame's cost under load).
    var rowCount: Int
    var row: (Int) -> [Span]
    var emptyText: String
    /// The cursor's row in a pane that has one (marked with ▸ while the pane has focus).
    var selectedRow: Int?

    init(title: SummaryLine, heading: String?, rowCount: Int, emptyText: String, selectedRow: Int? = nil,
         row: @escaping (Int) -> [Span]) {
        self.title = title
        self.heading = heading
        self.rowCount = rowCount
        self.row = row
        self.emptyText = emptyText
        self.selectedRow = rowCount == 0 ? nil : selectedRow
    }

    init(title: SummaryLine, heading: String?, rows: [[Span]], emptyText: String) {
        self.init(title: title, heading: heading, rowCount: rows.count, emptyText: emptyText) { rows[$0] }
    }
}
