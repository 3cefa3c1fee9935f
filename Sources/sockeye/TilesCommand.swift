import ArgumentParser
import SockeyeDemo

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
                               live: UIMode.stdoutIsTerminal, width: TerminalWidth.current(), write: FileHandleOutput.standardOutput)
        try server.exchange {
            for (index, lane) in TilesDemo.Lane.allCases.enumerated() {
                _ = try demo.run(lane) { tile, time in screen.arrived(lane: index, tile: tile, at: time) }
                screen.finished(lane: index)
            }
        }
        screen.drawFinal(latencyMilliseconds: latencyMilliseconds)
    }
}
