import SockeyeEvents

/// Renders a statistics snapshot into a screen grid: a pure function of the snapshot, the view
/// state and the size, so every layout is testable without a terminal.
public enum DashboardRenderer {
    /// Below this size the panes would be unreadable side by side; only the focused one is shown,
    /// with a hint to enlarge the terminal.
    private static let fullLayoutMinimum = (width: 70, height: 20)

    public static func render(_ snapshot: StatsSnapshot, info: DashboardInfo, state: ViewState, width: Int, height: Int) -> Screen {
        var screen = Screen(width: width, height: height)
        guard width >= 20, height >= 6 else {
            screen.put("Sockeye: enlarge", x: 0, y: 0, style: .bold)
            screen.put("the terminal", x: 0, y: 1)
            return screen
        }
        let info = snapshot.identity ?? info
        HeaderView.draw(into: &screen, snapshot: snapshot, info: info, state: state)
        let fleetLines = FleetView.lineCount(snapshot, height: height)
        FleetView.draw(into: &screen, snapshot: snapshot, y: 2, lines: fleetLines)
        FooterView.draw(into: &screen, state: state)
        let body = body(width: width, height: height, fleetLines: fleetLines)
        if let inspected = state.inspected {
            InspectorView.draw(into: &screen, rect: body, snapshot: snapshot, request: inspected)
        } else if let connection = state.frames {
            FramesView.draw(into: &screen, rect: body, snapshot: snapshot, connection: connection)
        } else if let connection = state.timeline {
            TimelineView.draw(into: &screen, rect: body, snapshot: snapshot, connection: connection, instance: state.timelineInstance)
        } else {
            drawPanes(into: &screen, snapshot: snapshot, info: info, state: state, fleetLines: fleetLines)
        }
        if state.showHelp { HelpOverlay.draw(into: &screen, body: body) }
        return screen
    }

    private static func drawPanes(into screen: inout Screen, snapshot: StatsSnapshot, info: DashboardInfo, state: ViewState,
                                  fleetLines: Int) {
        let (width, height) = (screen.width, screen.height)
        for (pane, rect) in placement(width: width, height: height, focus: state.focus, fleetLines: fleetLines) {
            PaneView.draw(pane, into: &screen, rect: rect, snapshot: snapshot, state: state, tls: info.isTLS)
        }
        if !showsAllPanes(width: width, height: height - fleetLines) {
            screen.put(" " + enlargeHint(width: width - 1), x: 0, y: height - 2, style: .dim)
        }
    }

    private static func showsAllPanes(width: Int, height: Int) -> Bool {
        width >= fullLayoutMinimum.width && height >= fullLayoutMinimum.height
    }

    /// Between the two header lines (and a fleet's lines) and the key line.
    private static func body(width: Int, height: Int, fleetLines: Int) -> Rect {
        Rect(x: 0, y: 2 + fleetLines, width: width, height: height - 3 - fleetLines)
    }

    /// Where the panes on screen go: all four, or the focused one above the hint to enlarge.
    static func placement(width: Int, height: Int, focus: ViewState.PaneID, fleetLines: Int = 0) -> [(ViewState.PaneID, Rect)] {
        let body = body(width: width, height: height, fleetLines: fleetLines)
        guard showsAllPanes(width: width, height: height - fleetLines) else {
            return [(focus, Rect(x: body.x, y: body.y, width: body.width, height: body.height - 1))]
        }
        return layout(body)
    }

    /// Connections and keep-alive reuse side by side on top, head-of-line waits in the middle,
    /// recent requests below. Extra height goes to every pane in proportion, extra width to the
    /// connections (and, from 110 columns, some to reuse).
    private static func layout(_ body: Rect) -> [(ViewState.PaneID, Rect)] {
        let topHeight = max(6, body.height * 40 / 100)
        let waitsHeight = max(4, body.height * 20 / 100)
        let reuseWidth = body.width >= 110 ? 38 : 25
        let y = body.y
        return [
            (.connections, Rect(x: 0, y: y, width: body.width - reuseWidth - 1, height: topHeight)),
            (.reuse, Rect(x: body.width - reuseWidth, y: y, width: reuseWidth, height: topHeight)),
            (.waits, Rect(x: 0, y: y + topHeight, width: body.width, height: waitsHeight)),
            (.recent, Rect(x: 0, y: y + topHeight + waitsHeight, width: body.width, height: body.height - topHeight - waitsHeight)),
        ]
    }

    /// The longest of these that fits: only one pane of four is on screen.
    private static func enlargeHint(width: Int) -> String {
        let size = "\(fullLayoutMinimum.width)x\(fullLayoutMinimum.height)"
        let hints = [
            "one pane at a time (Tab for the next): enlarge the terminal to \(size) to see all four",
            "enlarge the terminal to \(size) to see all four panes",
            "enlarge to \(size) to see all panes",
            "enlarge the terminal",
        ]
        return hints.first { $0.count <= width } ?? ""
    }
}
