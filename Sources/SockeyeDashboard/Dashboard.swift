#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents
import Synchronization

/// The live dashboard: on its own thread, about ten frames a second, it takes a statistics
/// snapshot, renders it and draws it — skipping frames when nothing changed — and polls keys
/// between frames so input never waits for a frame. Views never reach into the server.
public final class Dashboard: Sendable {
    private let source: any SnapshotSource
    private let info: DashboardInfo
    private let onQuit: @Sendable () -> Void
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    static let frameMilliseconds: Int32 = 100

    /// `onQuit` runs (on the dashboard thread) when the user presses `q`.
    public init(source: any SnapshotSource, info: DashboardInfo, onQuit: @escaping @Sendable () -> Void) {
        self.source = source
        self.info = info
        self.onQuit = onQuit
    }

    /// NO_COLOR (any value) asks for a monochrome screen (no-color.org).
    static var monochrome: Bool { getenv("NO_COLOR").map { $0.pointee != 0 } ?? false }

    /// Runs on the calling thread until `stop()` or `q`; the terminal is restored before it returns.
    public func run() {
        let terminal = CursesTerminal()
        terminal.begin(monochrome: Self.monochrome)
        CrashGuard.install()
        defer {
            terminal.end()
            finished.store(true, ordering: .releasing)
        }
        var state = ViewState()
        state.paused = source.startsPaused
        var snapshot = source.snapshot(now: MonotonicClock.now())
        var lastScreen: Screen?
        var nextFrame = MonotonicClock.now()
        while !stopRequested.load(ordering: .acquiring) {
            if terminal.hasHungUp {
                onQuit()
                return
            }
            let now = MonotonicClock.now()
            if now >= nextFrame {
                // Paused: the counters keep counting, the picture holds still.
                if !state.paused { snapshot = source.snapshot(now: now) }
                state.clampSelection(connectionCount: snapshot.connections.count)
                nextFrame = now + UInt64(Self.frameMilliseconds) * 1_000_000
            }
            let size = terminal.size
            let screen = DashboardRenderer.render(snapshot, info: info, state: state, width: size.width, height: size.height)
            if screen != lastScreen {
                terminal.draw(screen)
                lastScreen = screen
            }
            let wait = Int32(max(1, min(UInt64(Self.frameMilliseconds), (nextFrame &- MonotonicClock.now()) / 1_000_000)))
            guard let key = terminal.readKey(milliseconds: wait) else { continue }
            if state.filterPrompt != nil {
                if let promptKey = CursesTerminal.promptKey(for: key) { state.handlePromptKey(promptKey) }
                continue
            }
            guard let command = CursesTerminal.command(for: key) else { continue }
            switch command {
            case .quit:
                onQuit()
                return
            case .reset:
                source.reset()
                snapshot = source.snapshot(now: MonotonicClock.now())
            case .togglePause:
                KeyCommand.apply(command, to: &state)
                source.setPaused(state.paused, now: MonotonicClock.now())
            case .step:
                // A step holds the picture on the event it shows.
                if !state.paused {
                    state.paused = true
                    source.setPaused(true, now: MonotonicClock.now())
                }
                if source.step(now: MonotonicClock.now()) { snapshot = source.snapshot(now: MonotonicClock.now()) }
            case .redraw:
                lastScreen = nil
            case .toggleTimeline:
                state.toggleTimeline(in: snapshot)
            case .openInspector:
                state.openInspector(in: snapshot)
            case .toggleFrames:
                state.toggleFrames(in: snapshot)
            default:
                KeyCommand.apply(command, to: &state)
                state.clampSelection(connectionCount: snapshot.connections.count)
            }
        }
    }

    /// Asks the dashboard to restore the terminal and return; waits up to a second.
    public func stop() {
        stopRequested.store(true, ordering: .releasing)
        for _ in 0..<100 where !finished.load(ordering: .acquiring) { usleep(10_000) }
    }
}
