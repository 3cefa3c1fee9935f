import SockeyeEvents

/// Renders a statistics snapshot into a screen grid: a pure function of the snapshot, the view
/// state and the size, so every layout is testable without a terminal.
public enum DashboardRenderer {
    /// Below this size the panes would be unreadable side by side; only the focused one is shown.
    static let fullLayoutMinimum = (width: 70, height: 20)

    public static func render(_ snapshot: StatsSnapshot, info: DashboardInfo, state: ViewState, width: Int, height: Int) -> Screen {
        var screen = Screen(width: width, height: height)
        guard width >= 20, height >= 6 else {
            screen.put("Sockeye: enlarge", x: 0, y: 0, style: .bold)
            screen.put("the terminal", x: 0, y: 1)
            return screen
        }
        HeaderView.draw(into: &screen, snapshot: snapshot, info: info, state: state)
        FooterView.draw(into: &screen, state: state)
        let body = Rect(x: 0, y: 2, width: width, height: height - 3)
        for (pane, rect) in layout(body, focus: state.focus) {
            PaneView.draw(pane, into: &screen, rect: rect, snapshot: snapshot, state: state, tls: info.isTLS)
        }
        if state.showHelp { HelpOverlay.draw(into: &screen, body: body) }
        return screen
    }

    /// Connections and keep-alive reuse side by side on top, head-of-line waits in the middle,
    /// recent requests below; on a small terminal, the focused pane alone.
    static func layout(_ body: Rect, focus: ViewState.PaneID) -> [(ViewState.PaneID, Rect)] {
        guard body.width >= fullLayoutMinimum.width, body.height + 3 >= fullLayoutMinimum.height else {
            return [(focus, body)]
        }
        let topHeight = max(6, body.height * 35 / 100)
        let waitsHeight = max(4, body.height * 25 / 100)
        let reuseWidth = body.width >= 110 ? 38 : 27
        let y = body.y
        return [
            (.connections, Rect(x: 0, y: y, width: body.width - reuseWidth - 1, height: topHeight)),
            (.reuse, Rect(x: body.width - reuseWidth, y: y, width: reuseWidth, height: topHeight)),
            (.waits, Rect(x: 0, y: y + topHeight, width: body.width, height: waitsHeight)),
            (.recent, Rect(x: 0, y: y + topHeight + waitsHeight, width: body.width, height: body.height - topHeight - waitsHeight)),
        ]
    }
}
