import SockeyeEvents

/// The dashboard's own state: which pane has focus, scroll positions, sort, pause, help, the
/// request filter (and its prompt while one is typed), following the newest request, the selected
/// connection, the connection whose timeline replaces the panes and the request being inspected.
public struct ViewState: Sendable, Equatable {
    public enum PaneID: Int, CaseIterable, Sendable {
        case connections, reuse, waits, recent
    }

    public enum ConnectionSort: String, CaseIterable, Sendable {
        case id, age, requests, bytes, state
    }

    public var focus = PaneID.connections
    public var scroll: [PaneID: Int] = [:]
    public var sort = ConnectionSort.id
    public var paused = false
    public var showHelp = false
    /// The recent-requests and head-of-line panes show only the requests it matches.
    public var filter: RequestFilter?
    /// Open while an expression is typed after `/`.
    public var filterPrompt: FilterPrompt?
    /// The recent pane stays on the newest request; scrolling it turns this off.
    public var followNewest = false
    /// The cursor in the connections pane: a row in its current sort order.
    public var selectedConnection = 0
    /// The connection whose timeline is shown in place of the panes, while one is.
    public var timeline: UInt64?
    /// In a fleet, the server that connection is on.
    public var timelineInstance = 0
    /// The HTTP/2 connection whose frames are shown in place of the panes, while one is (`f`).
    public var frames: UInt64?
    /// The request whose heads and phases the inspector shows in place of the panes, while one is.
    public var inspected: InspectedRequest?

    public init() {}

    public func scrollOffset(_ pane: PaneID) -> Int { scroll[pane] ?? 0 }

    /// Scrolls the focused pane; in the connections pane the cursor moves instead, and scrolling
    /// the recent requests stops following the newest.
    mutating func scroll(by rows: Int) {
        if focus == .connections {
            selectedConnection = max(0, selectedConnection + rows)
            return
        }
        if focus == .recent { followNewest = false }
        scroll[focus] = max(0, scrollOffset(focus) + rows)
    }
}

/// What a key press asks for.
public enum KeyCommand: Equatable, Sendable {
    case quit, togglePause, focusNext, focusPrevious, scrollUp, scrollDown, pageUp, pageDown
    case cycleSort, toggleHelp, reset, redraw, openFilterPrompt, toggleFollow, toggleTimeline, openInspector
    /// `n`: in a replay, pauses and moves on one event.
    case step
    /// `f`: the selected connection's HTTP/2 frames, or back.
    case toggleFrames
    /// Esc: closes the inspector, or else the timeline.
    case back

    /// Mutates the view state; the caller acts on quit, reset, redraw, step, toggleTimeline and openInspector
    /// (which need the snapshot: `ViewState.toggleTimeline(in:)`, `ViewState.openInspector(in:)`).
    public static func apply(_ command: KeyCommand, to state: inout ViewState) {
        let panes = ViewState.PaneID.allCases
        switch command {
        case .togglePause: state.paused.toggle()
        case .focusNext: state.focus = panes[(state.focus.rawValue + 1) % panes.count]
        case .focusPrevious: state.focus = panes[(state.focus.rawValue + panes.count - 1) % panes.count]
        case .scrollUp: state.scroll(by: -1)
        case .scrollDown: state.scroll(by: 1)
        case .pageUp: state.scroll(by: -10)
        case .pageDown: state.scroll(by: 10)
        case .cycleSort:
            let sorts = ViewState.ConnectionSort.allCases
            state.sort = sorts[(sorts.firstIndex(of: state.sort)! + 1) % sorts.count]
        case .toggleHelp: state.showHelp.toggle()
        case .openFilterPrompt: state.filterPrompt = FilterPrompt(text: state.filter?.text ?? "")
        case .toggleFollow:
            state.followNewest.toggle()
            if state.followNewest { state.scroll[.recent] = 0 }
        case .back:
            if state.inspected != nil { state.inspected = nil } else if state.frames != nil { state.frames = nil } else { state.timeline = nil }
        case .quit, .reset, .redraw, .toggleTimeline, .openInspector, .step, .toggleFrames: break
        }
    }
}
