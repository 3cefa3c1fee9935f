import Foundation
import Testing

/// The dashboard in a real terminal: tmux runs `sockeye --ui tui`, real clients make traffic,
/// `capture-pane` reads the screen, `q` quits.
@Suite("Dashboard in a real terminal (tmux)")
struct DashboardTerminalTests {
    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first(where: FileManager.default.isExecutableFile)

    @Test("panes show the connection, the reuse and the wait; q exits 0 and restores the terminal",
          .enabled(if: tmux != nil, "tmux is not installed (Debian package tmux)"))
    func liveDashboard() throws {
        let tmux = try #require(Self.tmux)
        let session = "sockeye-test-\(UUID().uuidString.prefix(8))"
        let command = "TERM=xterm-256color '\(SockeyeProcess.binary.path)' --ui tui --port 0; echo exited:$?; sleep 20"
        _ = try Command.run(tmux, ["new-session", "-d", "-s", session, "-x", "120", "-y", "40", command])
        defer { _ = try? Command.run(tmux, ["kill-session", "-t", session]) }
        func screen() throws -> String { try Command.run(tmux, ["capture-pane", "-p", "-t", session]).stdout }
        func waitFor(_ seconds: Double, _ condition: (String) -> Bool) throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var text = try screen()
            while !condition(text) && Date() < deadline {
                usleep(100_000)
                text = try screen()
            }
            return text
        }

        let first = try waitFor(10) { $0.contains("http://127.0.0.1:") }
        let address = try #require(first.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") })
        let port = try #require(Int(address.split(separator: ":").last ?? ""))

        _ = try Command.curl(["http://127.0.0.1:\(port)/", "http://127.0.0.1:\(port)/info"])
        let pipelined = try RawClient(port: port)
        pipelined.send("GET /slow?ms=500 HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(pipelined.readResponses(2).count == 2)
        let open = try RawClient(port: port)
        open.send("GET /info HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = open.readResponses(1)

        let live = try waitFor(5) { $0.contains("behind /slow?ms=500") && $0.contains("idle") && $0.contains("reuse") }
        #expect(live.contains("Connections"))
        #expect(live.contains("idle"), "the open keep-alive connection is listed")
        #expect(live.contains("Keep-alive reuse"))
        #expect(live.contains("reuse 40%"), "5 requests on 3 connections")
        #expect(live.contains("behind /slow?ms=500"), "the pipelined / waited behind /slow")
        #expect(live.contains("/info"))

        _ = try Command.run(tmux, ["send-keys", "-t", session, "q"])
        let after = try waitFor(10) { $0.contains("exited:") }
        #expect(after.contains("exited:0"))
        #expect(!after.contains("Keep-alive reuse"), "the terminal is back to the shell's screen")
    }
}
