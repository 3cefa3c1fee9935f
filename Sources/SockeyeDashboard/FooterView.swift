/// The key reminder on the last line; on a narrow terminal the keys least needed are left out,
/// `q` and `?` stay.
enum FooterView {
    static func draw(into screen: inout Screen, state: ViewState) {
        let y = screen.height - 1
        screen.put(String(repeating: " ", count: screen.width), x: 0, y: y, style: .dim)
        let keys = SummaryLine(items: [
            .init("q quit", priority: 7),
            .init("p \(state.paused ? "resume" : "pause")", priority: 5),
            .init("Tab focus", priority: 4),
            .init("↑↓ scroll", priority: 1),
            .init("s sort:\(state.sort.rawValue)", priority: 2),
            .init("r reset", priority: 3),
            .init("? help", priority: 6),
        ])
        screen.put(" " + keys.text(width: screen.width - 1), x: 0, y: y, style: .dim)
    }
}
