import Foundation
import Testing

/// `sockeye top` and `sockeye replay` in a real terminal: tmux runs them against real servers
/// started with `--admin`, real clients make the traffic, `capture-pane` reads the screen.
@Suite("sockeye top and replay in a real terminal (tmux)",
       .enabled(if: TmuxSession.installed != nil, "tmux is not installed (Debian package tmux)"))
struct TopAndReplayTerminalTests {
    private func run(_ arguments: String) throws -> TmuxSession {
        try TmuxSession(command: "TERM=xterm-256color '\(SockeyeProcess.binary.path)' \(arguments); echo exited:$?; sleep 20")
    }

    @Test("top on two servers: a line each, merged panes with tagged rows; a server that stops shows down, then up again")
    func fleet() throws {
        let first = try AdminServer()
        var second: AdminServer? = try AdminServer()
        defer {
            _ = first.process.stop()
            _ = second?.process.stop()
        }
        let secondAdmin = second!.adminURL
        let session = try run("top \(first.adminURL) \(secondAdmin) --interval-ms 200")
        defer { session.close() }
        for _ in 0..<3 { _ = try Command.curl([first.url + "/info"]) }
        _ = try Command.curl([second!.url + "/missing-from-b"])
        let client = try RawClient(port: second!.port, timeout: 10)
        client.send("GET /slow?ms=3000 HTTP/1.1\r\nHost: x\r\n\r\nGET /queued-on-b HTTP/1.1\r\nHost: x\r\n\r\n")

        let both = try session.waitFor(8) { $0.contains("fleet of 2, 2 up") && $0.contains("/missing-from-b") && $0.contains("waiting behind") }
        let lines = both.split(separator: "\n").map(String.init)
        let a = try #require(lines.first { $0.hasPrefix(" a ") }, "a's fleet line: \(both)")
        let b = try #require(lines.first { $0.hasPrefix(" b ") }, "b's fleet line: \(both)")
        #expect(a.contains(first.url) && a.contains(" up ") && a.contains("errors 0"), "\(a)")
        #expect(b.contains(second!.url) && b.contains(" up ") && b.contains("errors 1"), "\(b)")
        #expect(both.contains("total 4") || both.contains("total 5"), "the totals add both servers: \(both)")
        let infoRows = lines.filter { $0.contains("/info") && $0.contains(" a:") }
        #expect(infoRows.count >= 3, "a's requests are tagged a: \(both)")
        #expect(lines.contains { $0.contains(" b:") && $0.contains("/missing-from-b") && $0.contains("404") })
        #expect(both.contains("req#2 /queued-on-b") && both.contains("waiting behind /slow?ms=3000"),
                "b's live queue shows through top: \(both)")
        #expect(client.readResponses(2).count == 2)

        // b goes away: its line says so and a keeps being shown.
        let secondPort = second!.adminPort
        _ = second!.process.stop()
        second = nil
        let down = try session.waitFor(8) { $0.contains("fleet of 2, 1 up") && $0.contains("DOWN") }
        let downLine = try #require(down.split(separator: "\n").first { $0.hasPrefix(" b ") }, "\(down)")
        #expect(downLine.contains("DOWN") && downLine.contains("connection refused"), "\(downLine)")
        #expect(down.split(separator: "\n").first { $0.hasPrefix(" a ") }?.contains(" up ") == true)

        // Back on the same admin port: reconnected by the back-off, without a key press.
        second = try AdminServer(["--admin", "127.0.0.1:\(secondPort)"])
        let back = try session.waitFor(12) { $0.contains("fleet of 2, 2 up") }
        #expect(back.contains("fleet of 2, 2 up"), "reconnected: \(back)")
        try session.sendKeys("q")
        let quit = try session.waitFor(5) { $0.contains("exited:") }
        #expect(quit.contains("exited:0"))
    }

    @Test("top on a server that is not there says so on its line; bad arguments are refused with a message")
    func refusals() throws {
        let session = try run("top http://127.0.0.1:1")
        defer { session.close() }
        let screen = try session.waitFor(5) { $0.contains("connection refused") }
        #expect(screen.contains("connection refused"), "\(screen)")
        try session.sendKeys("q")
        #expect(try session.waitFor(5) { $0.contains("exited:") }.contains("exited:0"))

        let badURL = try Command.run(SockeyeProcess.binary.path, ["top", "https://127.0.0.1:9090"])
        #expect(badURL.status != 0 && badURL.stderr.contains("plain http"), "\(badURL.stderr)")
        let noTerminal = try Command.run(SockeyeProcess.binary.path, ["top", "http://127.0.0.1:9090"])
        #expect(noTerminal.status == 2 && noTerminal.stderr.contains("needs a terminal"), "\(noTerminal.stderr)")
        let noFile = try Command.run(SockeyeProcess.binary.path, ["replay", "/nonexistent/recording.jsonl"])
        #expect(noFile.status == 1 && noFile.stderr.contains("cannot read /nonexistent/recording.jsonl"), "\(noFile.stderr)")
        let badSpeed = try Command.run(SockeyeProcess.binary.path, ["replay", "x", "--speed", "0"])
        #expect(badSpeed.status != 0 && badSpeed.stderr.contains("--speed"), "\(badSpeed.stderr)")
    }

    @Test("record a pipelined story, then replay it: the wait shows, p pauses, n steps, the end is marked")
    func recordThenReplay() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sockeye-record-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let server = try SockeyeProcess(["--ui", "none", "--workers", "1", "--record", file])
        let client = try RawClient(port: server.port, timeout: 10)
        client.send("GET /slow?ms=600 HTTP/1.1\r\nHost: x\r\n\r\nGET /behind-slow HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(client.readResponses(2).count == 2)
        withExtendedLifetime(client) {}
        _ = try Command.curl([server.url + "/info"])
        #expect(server.stop() == 0)

        let session = try run("replay '\(file)' --speed 2")
        defer { session.close() }
        let played = try session.waitFor(8) { $0.contains("ended") && $0.contains("/behind-slow") }
        #expect(played.contains("replay sockeye-record-") && played.contains("×2"), "\(played)")
        #expect(played.contains("behind /slow?ms=600") && played.contains("(1 waited)"), "the wait is replayed: \(played)")
        #expect(played.contains("total 3"), "\(played)")

        // From the start again, paused before the first event: n plays one event at a time (the
        // first four, opened, /slow's head, its response started, the next head, share a millisecond).
        let stepping = try run("replay '\(file)' --paused")
        defer { stepping.close() }
        let start = try stepping.waitFor(5) { $0.contains("PAUSED") }
        #expect(start.contains("no open connections") && start.contains("total 0"), "nothing played yet: \(start)")
        try stepping.sendKeys("n")
        #expect(try stepping.waitFor(3) { $0.contains("1 open") }.contains("1 open"), "one step: the connection opened")
        for _ in 0..<3 { try stepping.sendKeys("n") }
        let stepped = try stepping.waitFor(5) { $0.contains("/slow?ms=600 +1 queued") }
        #expect(stepped.contains("/slow?ms=600 +1 queued") && stepped.contains("total 0"), "two heads in, none answered: \(stepped)")
        try stepping.sendKeys("p")
        let resumed = try stepping.waitFor(5) { $0.contains("behind /slow?ms=600") }
        #expect(resumed.contains("behind /slow?ms=600") && !resumed.contains("PAUSED"), "p plays on: \(resumed)")
        try stepping.sendKeys("q")
        #expect(try stepping.waitFor(5) { $0.contains("exited:") }.contains("exited:0"))
    }
}
