/// The dashboard's own state: which pane has focus, scroll positions, sort, pause, help.
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

    public init() {}

    public func scrollOffset(_ pane: PaneID) -> Int { scroll[pane] ?? 0 }
}

/// What a key press asks for.
public enum KeyCommand: Equatable, Sendable {
    case quit, togglePause, focusNext, focusPrevious, scrollUp, scrollDown, pageUp, pageDown
    case cycleSort, toggleHelp, reset, redraw

    /// Mutates the view state; returns false for commands the caller must act on (quit, reset).
    public static func apply(_ command: KeyCommand, to state: inout ViewState) {
        let panes = ViewState.PaneID.allCases
        switch command {
        case .togglePause: state.paused.toggle()
        case .focusNext: state.focus = panes[(state.focus.rawValue + 1) % panes.count]
        case .focusPrevious: state.focus = panes[(state.focus.rawValue + panes.count - 1) % panes.count]
        case .scrollUp: state.scroll[state.focus] = max(0, state.scrollOffset(state.focus) - 1)
        case .scrollDown: state.scroll[state.focus] = state.scrollOffset(state.focus) + 1
        case .pageUp: state.scroll[state.focus] = max(0, state.scrollOffset(state.focus) - 10)
        case .pageDown: state.scroll[state.focus] = state.scrollOffset(state.focus) + 10
        case .cycleSort:
            let sorts = ViewState.ConnectionSort.allCases
            state.sort = sorts[(sorts.firstIndex(of: state.sort)! + 1) % sorts.count]
        case .toggleHelp: state.showHelp.toggle()
        case .quit, .reset, .redraw: break
        }
    }
}
