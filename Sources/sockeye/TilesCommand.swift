#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import SockeyeDemo
import SockeyeEvents
import Synchronization

/// `sockeye demo tiles`: the same tiles over HTTP/1.1 on one connection, on six, and over HTTP/2.
struct TilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tiles",
        abstract: "A terminal gophertiles: N tiles over HTTP/1.1 on 1 and on 6 connections, and over HTTP/2 on 1.",
        discussion: """
            Each tile is a request that the server answers after --latency-ms (/slow). The grids fill as \
            the responses arrive (live in a terminal); each tile is then shaded by when it came.
            """)

    @Option(help: "The server to ask (http://HOST:PORT).") var url = "http://127.0.0.1:8080"
    @Option(help: "How many tiles (1...\(TilesDemo.maximumCount), the server's concurrent-stream limit).") var count = 100
    @Option(name: .customLong("latency-ms"), help: "How long the server takes per tile, in milliseconds (0...2000).")
    var latencyMilliseconds = 50

    func validate() throws {
        guard DemoURL(url) != nil else { throw ValidationError("--url must look like http://HOST:PORT, got \(url)") }
        guard (1...TilesDemo.maximumCount).contains(count) else {
            throw ValidationError("--count must be 1...\(TilesDemo.maximumCount), got \(count)")
        }
        guard (0...2000).contains(latencyMilliseconds) else { throw ValidationError("--latency-ms must be 0...2000") }
    }

    func run() throws {
        let server = DemoURL(url)!
        let demo = TilesDemo(host: server.host, port: server.port, count: count, latencyMilliseconds: latencyMilliseconds)
        let screen = LiveTiles(lanes: TilesDemo.Lane.allCases.map { TilesPicture.LaneState(lane: $0, count: count) },
                               live: UIMode.stdoutIsTerminal, width: TerminalWidth.current())
        try server.exchange {
            for (index, lane) in TilesDemo.Lane.allCases.enumerated() {
                _ = try demo.run(lane) { tile, time in screen.arrived(lane: index, tile: tile, at: time) }
                screen.finished(lane: index)
            }
        }
        screen.drawFinal(latencyMilliseconds: latencyMilliseconds)
    }
}

/// The picture as the lanes fill: redrawn in place at most every 50 ms on a terminal, drawn once
/// at the end otherwise.
final class LiveTiles: Sendable {
    private struct State {
        var lanes: [TilesPicture.LaneState]
        var drawnLines = 0
        var drawnAt: UInt64 = 0
    }

    private let state: Mutex<State>
    private let live: Bool
    private let width: Int

    init(lanes: [TilesPicture.LaneState], live: Bool, width: Int) {
        state = Mutex(State(lanes: lanes))
        self.live = live
        self.width = width
    }

    func arrived(lane: Int, tile: Int, at time: UInt64) {
        state.withLock { state in
            state.lanes[lane].arrivals[tile] = time
            let now = MonotonicClock.now()
            if live && now - state.drawnAt >= 50_000_000 { draw(&state, now: now) }
        }
    }

    func finished(lane: Int) {
        state.withLock { state in
            state.lanes[lane].finished = true
            if live { draw(&state, now: MonotonicClock.now()) }
        }
    }

    func drawFinal(latencyMilliseconds: Int) {
        state.withLock { state in
            draw(&state, now: MonotonicClock.now())
            if let explanation = TilesPicture.explanation(state.lanes, latencyMilliseconds: latencyMilliseconds) {
                FileHandleOutput.standardOutput("\n" + Waterfall.wrapped(explanation, width: width).joined(separator: "\n"))
            }
        }
    }

    /// Over the last picture (cursor up, clear below), so the grids fill in place.
    private func draw(_ state: inout State, now: UInt64) {
        let lines = TilesPicture.render(state.lanes, width: width)
        let rewind = state.drawnLines > 0 ? "\u{1B}[\(state.drawnLines)A\u{1B}[J" : ""
        FileHandleOutput.standardOutput(rewind + lines.joined(separator: "\n"))
        state.drawnLines = lines.count
        state.drawnAt = now
    }
}
