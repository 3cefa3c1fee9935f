/// The last line: the filter prompt while one is open, otherwise the key reminder; on a narrow
/// terminal the keys least needed are left out, `q` and `?` stay.
enum FooterView {
    static func draw(into screen: inout Screen, state: ViewState) {
        let y = screen.height - 1
        if let prompt = state.filterPrompt {
            drawPrompt(prompt, into: &screen, y: y)
            return
        }
        screen.put(String(repeating: " ", count: screen.width), x: 0, y: y, style: .dim)
        var items: [SummaryLine.Item] = [
            .init("q quit", priority: 7),
            .init("p \(state.paused ? "resume" : "pause")", priority: 5),
            .init("Tab focus", priority: 4),
            .init("↑↓ scroll", priority: 1),
            .init("s sort:\(state.sort.rawValue)", priority: 2),
            .init("r reset", priority: 3),
            .init("? help", priority: 6),
        ]
        // The pane titles say the expression while a filter is on.
        items.append(.init(state.filter == nil ? "/ filter" : "/ filter:on", priority: state.filter == nil ? 0 : 2))
        if state.followNewest { items.append(.init("F follow:on", priority: 2)) }
        let keys = SummaryLine(items: items)
        screen.put(" " + keys.text(width: screen.width - 1), x: 0, y: y, style: .dim)
    }

    /// `/~c 4xx & ~m GET█`, then the error of the last Enter, or what Enter and Esc do.
    private static func drawPrompt(_ prompt: FilterPrompt, into screen: inout Screen, y: Int) {
        screen.put(String(repeating: " ", count: screen.width), x: 0, y: y)
        let line = "/" + prompt.text + "█"
        // The end of a long expression stays in view: that is where the typing happens.
        let shown = line.count < screen.width ? line : "…" + String(line.suffix(screen.width - 2))
        screen.put(shown, x: 0, y: y, style: .bold)
        let note = prompt.error.map { "  error \($0)" } ?? "  Enter apply, Esc cancel"
        let room = screen.width - shown.count
        guard room > 3 else { return }
        screen.put(Format.truncated(note, to: room), x: shown.count, y: y, style: prompt.error == nil ? .dim : .status4xx)
    }
}
