import SockeyeEvents
import Synchronization

/// The picture as the lanes fill: redrawn in place at most every 50 ms on a terminal, drawn once
/// at the end otherwise.
public final class LiveTiles: Sendable {
    private struct State {
        var lanes: [TilesPicture.LaneState]
        var drawnLines = 0
        var drawnAt: UInt64 = 0
    }

    private let state: Mutex<State>
    private let live: Bool
    private let width: Int
    /// Writes whole lines to the terminal (a newline is added).
    private let write: @Sendable (String) -> Void

    public init(lanes: [TilesPicture.LaneState], live: Bool, width: Int, write: @escaping @Sendable (String) -> Void) {
        state = Mutex(State(lanes: lanes))
        self.live = live
        self.width = width
        self.write = write
    }

    public func arrived(lane: Int, tile: Int, at time: UInt64) {
        state.withLock { state in
            state.lanes[lane].arrivals[tile] = time
            let now = MonotonicClock.now()
            if live && now - state.drawnAt >= 50_000_000 { draw(&state, now: now) }
        }
    }

    public func finished(lane: Int) {
        state.withLock { state in
            state.lanes[lane].finished = true
            if live { draw(&state, now: MonotonicClock.now()) }
        }
    }

    public func drawFinal(latencyMilliseconds: Int) {
        state.withLock { state in
            draw(&state, now: MonotonicClock.now())
            if let explanation = TilesPicture.explanation(state.lanes, latencyMilliseconds: latencyMilliseconds) {
                write("\n" + Waterfall.wrapped(explanation, width: width).joined(separator: "\n"))
            }
        }
    }

    /// Over the last picture (cursor up, clear below), so the grids fill in place.
    private func draw(_ state: inout State, now: UInt64) {
        let lines = TilesPicture.render(state.lanes, width: width)
        let rewind = state.drawnLines > 0 ? "\u{1B}[\(state.drawnLines)A\u{1B}[J" : ""
        write(rewind + lines.joined(separator: "\n"))
        state.drawnLines = lines.count
        state.drawnAt = now
    }
}
