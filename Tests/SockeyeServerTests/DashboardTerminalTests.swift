import Foundation
import Testing

/// The dashboard in a real terminal: tmux runs `sockeye --ui tui`, real clients make traffic,
/// `capture-pane` reads the screen, `q` quits.
@Suite("Dashboard in a real terminal (tmux)",
       .enabled(if: TmuxSession.installed != nil, "tmux is not installed (Debian package tmux)"))
struct DashboardTerminalTests {

    /// `sockeye --ui tui` in a tmux session, and the port it announced in its title line.
    private func startDashboard(flags: String = "", scheme: String = "http") throws -> (TmuxSession, Int) {
        let session = try TmuxSession(
            command: "TERM=xterm-256color '\(SockeyeProcess.binary.path)' --ui tui --port 0 \(flags); echo exited:$?; sleep 20")
        let prefix = "\(scheme)://127.0.0.1:"
        let first = try session.waitFor(10) { $0.contains(prefix) }
        guard let address = first.split(separator: " ").first(where: { $0.hasPrefix(prefix) }),
              let port = Int(address.split(separator: ":").last ?? "") else {
            session.close()
            throw POSIXError(.ETIMEDOUT)
        }
        return (session, port)
    }

    @Test("requests pipelined behind /slow show as waiting while /slow still runs")
    func liveQueue() throws {
        let (session, port) = try startDashboard()
        defer { session.close() }

        let client = try RawClient(port: port, timeout: 10)
        let sent = Date()
        client.send("GET /slow?ms=4000 HTTP/1.1\r\nHost: x\r\n\r\nGET /info HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
        let queued = try session.waitFor(3) { $0.contains("+2") && $0.components(separatedBy: "waiting behind /slow").count == 3 }
        #expect(Date().timeIntervalSince(sent) < 4, "seen while /slow is still running")
        #expect(queued.contains("req#2 /info") && queued.contains("req#3 /"))
        #expect(client.readResponses(3).count == 3)
        let answered = try session.waitFor(5) { !$0.contains("waiting behind") && $0.contains("behind /slow?ms=4000") }
        #expect(!answered.contains("+2"), "answered, the queue is empty")
        try session.sendKeys("q")
        _ = try session.waitFor(10) { $0.contains("exited:") }
    }

    @Test("q with a response in flight says what it waits for; a second Ctrl-C stops at once")
    func quitWhileBusy() throws {
        let (session, port) = try startDashboard()
        defer { session.close() }
        let client = try RawClient(port: port, timeout: 10)
        client.send("GET /slow?ms=8000 HTTP/1.1\r\nHost: x\r\n\r\nGET /info HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try session.waitFor(3) { $0.contains("waiting behind /slow?ms=8000") }
        try session.sendKeys("q")
        let waiting = try session.waitFor(3) { $0.contains("waiting for 2 responses to finish") }
        #expect(waiting.contains("Ctrl-C to stop at once"))
        let started = Date()
        try session.sendKeys("C-c")
        let after = try session.waitFor(3) { $0.contains("exited:") }
        #expect(after.contains("exited:1") && Date().timeIntervalSince(started) < 3, "stopped at once, not after /slow")
        withExtendedLifetime(client) {}
    }

    @Test("panes show the connection, the reuse and the wait; q exits 0 and restores the terminal")
    func liveDashboard() throws {
        let (session, port) = try startDashboard()
        defer { session.close() }


        _ = try Command.curl(["http://127.0.0.1:\(port)/", "http://127.0.0.1:\(port)/info"])
        let pipelined = try RawClient(port: port)
        pipelined.send("GET /slow?ms=500 HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(pipelined.readResponses(2).count == 2)
        let open = try RawClient(port: port)
        open.send("GET /info HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = open.readResponses(1)

        let live = try session.waitFor(5) { $0.contains("behind /slow?ms=500") && $0.contains("idle") && $0.contains("1 closed, 100% reused") }
        #expect(live.contains("Connections"))
        #expect(live.contains("idle"), "the open keep-alive connection is listed")
        #expect(live.contains("Keep-alive reuse"))
        #expect(live.contains("1 closed, 100% reused"), "curl's connection closed after 2 requests; the others are still open")
        #expect(live.contains("behind /slow?ms=500"), "the pipelined / waited behind /slow")
        #expect(live.contains("/info"))

        try session.sendKeys("q")
        let after = try session.waitFor(10) { $0.contains("exited:") }
        #expect(after.contains("exited:0"))
        #expect(!after.contains("Keep-alive reuse"), "the terminal is back to the shell's screen")
    }

    @Test("HTTPS: the title counts handshakes, each connection shows its TLS version and handshake time")
    func tlsDashboard() throws {
        let (session, port) = try startDashboard(flags: "--tls-self-signed 2>/dev/null", scheme: "https")
        defer { session.close() }

        _ = try Command.curl(["--insecure", "https://localhost:\(port)/"])
        _ = try Command.curl(["http://127.0.0.1:\(port)/"])  // plain HTTP to the HTTPS port: a failed handshake
        // A client that keeps its connection open while the screen is read.
        let holder = try ChildProcess("python3", ["-c", """
            import socket, ssl, sys, time
            context = ssl._create_unverified_context()
            with context.wrap_socket(socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)) as tls:
                tls.sendall(b"GET /info HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
                tls.recv(4096)
                print("answered", flush=True)
                time.sleep(20)
            """, String(port)])
        defer {
            holder.signal(SIGKILL)
            _ = holder.wait(timeout: 5)
        }
        let deadline = Date().addingTimeInterval(20)
        while !holder.stdout.contains("answered") && Date() < deadline { usleep(50_000) }
        // The held connection's row, idle after its one request (shown once the 100 ms throttle allows).
        let heldRow = #"idle +1\.3 [0-9.]+(ms|µs) +h1 +1 +[0-9]+B"#
        let live = try session.waitFor(10) {
            $0.contains("TLS 2 ok 1 failed") && $0.range(of: heldRow, options: .regularExpression) != nil
        }
        #expect(live.contains("TLS 2 ok 1 failed"), "\(live)")
        #expect(live.contains("STATE     TLS"))
        #expect(live.range(of: heldRow, options: .regularExpression) != nil, "the held connection's row:\n\(live)")
        try session.sendKeys("q")
        #expect(try session.waitFor(10) { $0.contains("exited:") }.contains("exited:0"))
    }

    @Test("closing the terminal under the dashboard shuts the server down, even when SIGHUP is ignored")
    func terminalHangUp() throws {
        // `trap '' HUP` and exec: sockeye itself is the pane's process, started with SIGHUP
        // ignored (as under nohup), so only the dashboard's own hang-up check can end it.
        let session = try TmuxSession(
            command: "trap '' HUP; TERM=xterm-256color exec '\(SockeyeProcess.binary.path)' --ui tui --port 0")
        _ = try session.waitFor(10) { $0.contains("http://127.0.0.1:") }
        let pid = try #require(Int32(session.panePID()))
        session.close()
        let deadline = Date().addingTimeInterval(10)
        while ProcessStats.isRunning(pid) && Date() < deadline { usleep(50_000) }
        #expect(!ProcessStats.isRunning(pid), "sockeye exited after its terminal went away")
        if ProcessStats.isRunning(pid) { kill(pid, SIGKILL) }
    }

    @Test("HTTP/2 in the dashboard: an h2 row with its streams, the waits pane says none waits, f lists the frames",
          .enabled(if: ["/usr/bin/nghttp", "/usr/local/bin/nghttp"].contains(where: FileManager.default.isExecutableFile),
                   "nghttp is not installed (Debian package nghttp2-client)"))
    func http2Frames() throws {
        let (session, port) = try startDashboard()
        defer { session.close() }
        let nghttp = ["/usr/bin/nghttp", "/usr/local/bin/nghttp"].first(where: FileManager.default.isExecutableFile)!
        let client = try ChildProcess(nghttp, ["-n", "http://127.0.0.1:\(port)/slow?ms=4000", "http://127.0.0.1:\(port)/info",
                                               "http://127.0.0.1:\(port)/slow?ms=3000"])
        defer {
            client.signal(SIGKILL)
            _ = client.wait(timeout: 5)
        }
        let live = try session.waitFor(5) { $0.contains("2 streams: /slow?ms=4000") && $0.contains("h2 2 streams at once") }
        #expect(live.range(of: #"handling h2 +1 "#, options: .regularExpression) != nil, "/info already answered: \(live)")
        #expect(live.contains("none waits"), "\(live)")
        try session.sendKeys("f")
        let frames = try session.waitFor(3) { $0.contains("Frames of connection #") }
        #expect(frames.contains("recv HEADERS") && frames.contains("send DATA") && frames.contains("END_STREAM"), "\(frames)")
        #expect(frames.contains("send SETTINGS") && frames.contains("ACK"))
        try session.sendKeys("Escape")
        #expect(try session.waitFor(3) { $0.contains("Keep-alive reuse") }.contains("Keep-alive reuse"), "Esc returns to the panes")
        try session.sendKeys("q")
        _ = try session.waitFor(10) { $0.contains("exited:") }
    }
}
