import Foundation
import Testing

/// The plain log as a user sees it: the real executable, real clients, real log consumers.
@Suite("Log mode (real executable)")
struct LogModeTests {
    @Test("JSON log: every line is JSON, from `listening` to `shutdown`, with the keep-alive pair, the pipelined wait and a rejection; SIGTERM exits 0")
    func jsonEvents() throws {
        let server = try SockeyeProcess(["--ui", "log", "--log-format", "json"])
        _ = try Command.curl([server.url + "/", server.url + "/info"])
        let pipelined = try RawClient(port: server.port)
        pipelined.send("GET /slow?ms=300 HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(pipelined.readResponses(2).count == 2)
        let bad = try RawClient(port: server.port)
        bad.send("GET / HTTP/1.1\r\nHost : x\r\n\r\n")
        _ = bad.readAll()
        usleep(300_000)
        #expect(server.stop() == 0)

        let objects = server.lines.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(objects.count == server.lines.count, "every line is JSON")
        #expect(objects.first?["type"] as? String == "listening")
        #expect(objects.first?["url"] as? String == server.url)
        let shutdown = try #require(objects.last)
        #expect(shutdown["type"] as? String == "shutdown")
        #expect(shutdown["signal"] as? String == "SIGTERM")
        #expect(shutdown["connections"] as? Int == 3)
        #expect(shutdown["requests"] as? Int == 4)
        let completed = objects.filter { $0["type"] as? String == "request_completed" }
        #expect(completed.count == 4)
        let pair = completed.filter { ($0["target"] as? String) == "/info" || ($0["target"] as? String) == "/" }.prefix(2)
        #expect(Set(pair.compactMap { $0["connection"] as? Int }).count == 1, "curl's pair shares a connection")
        let waited = try #require(completed.first { $0["blocked_by"] as? String == "/slow?ms=300" })
        #expect((waited["wait_ms"] as? Double ?? 0) >= 300)
        let rejected = try #require(objects.first { $0["type"] as? String == "request_rejected" })
        #expect(rejected["status"] as? Int == 400)
        #expect(objects.contains { $0["type"] as? String == "connection_closed" && $0["reason"] as? String == "rejected" })
    }

    static let goaccess = ["/usr/bin/goaccess", "/usr/local/bin/goaccess"].first(where: FileManager.default.isExecutableFile)

    // .ci/run installs goaccess (scripts/install-test-tools.sh); a bare machine of this image lacks it.
    @Test("Combined Log Format is read by goaccess with the right request count",
          .enabled(if: goaccess != nil, "goaccess is not installed (Debian package goaccess)"))
    func goaccessReadsCLF() throws {
        let goaccess = try #require(Self.goaccess)
        let server = try SockeyeProcess(["--ui", "log", "--log-format", "clf"])
        for path in ["/", "/info", "/nope", "/slow?ms=10"] { _ = try Command.curl(["-A", "Mozilla/5.0 (test)", server.url + path]) }
        _ = try Command.curl(["-X", "POST", "-d", "hi", server.url + "/echo"])
        usleep(200_000)
        #expect(server.stop() == 0)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("sockeye-clf-\(UUID().uuidString).log")
        try server.lines.dropFirst().joined(separator: "\n").appending("\n").write(to: log, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: log) }
        let report = try Command.run(goaccess, [log.path, "--log-format=COMBINED", "-o", "json", "--no-global-config"])
        #expect(report.status == 0, "\(report.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let general = try #require(json["general"] as? [String: Any])
        #expect(general["total_requests"] as? Int == 5)
        #expect(general["failed_requests"] as? Int == 0)
    }

    @Test("`sockeye | cat` (stdout not a terminal) gives the log, not the dashboard")
    func pipedGivesLog() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sockeye-pipe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let shell = try ChildProcess("/bin/sh", ["-c", "'\(SockeyeProcess.binary.path)' --port 0 | cat > '\(output.path)'"],
                                     environment: ["TERM": "xterm-256color"])
        var port = 0
        let deadline = Date().addingTimeInterval(10)
        while port == 0 && Date() < deadline {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            port = text.split(separator: "\n").first.flatMap { Int($0.split(separator: ":").last ?? "") } ?? 0
            usleep(20_000)
        }
        #expect(port > 0)
        _ = try Command.curl(["http://127.0.0.1:\(port)/info"])
        usleep(300_000)
        // Stop the server (the shell's child); `cat` then sees end of input and the shell exits.
        _ = try Command.run("pkill", ["-TERM", "-P", String(shell.pid), "-f", "sockeye"])
        #expect(shell.wait(timeout: 10) != nil)
        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(text.hasPrefix("listening on http://127.0.0.1:"))
        #expect(text.contains("GET /info -> 200"))
        #expect(!text.contains("\u{1B}["), "no terminal escape sequences in the log")
    }

    @Test("bad command lines fail clearly with a non-zero exit")
    func badArguments() throws {
        let cases: [([String], Int32, String)] = [
            (["--ui", "tui"], 2, "--ui tui needs a terminal"),
            (["--port", "70000"], 64, "--port must be"),
            (["--root", "/definitely/not/here"], 64, "--root"),
            (["--model", "fibers"], 64, "fibers"),
            (["--header-timeout", "0"], 64, "--header-timeout"),
        ]
        for (arguments, status, message) in cases {
            let result = try Command.run(SockeyeProcess.binary.path, arguments, timeout: 10)
            #expect(result.status == status, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }

    @Test("--filter '~c 404' in CLF: after `listening`, only the 404's line; a rejection matches on its status")
    func clfFilter() throws {
        let server = try SockeyeProcess(["--ui", "log", "--log-format", "clf", "--filter", "~c 404 | ~c 400"])
        for path in ["/", "/nope", "/info"] { _ = try Command.curl([server.url + path]) }
        let bad = try RawClient(port: server.port)
        bad.send("GET / HTTP/1.1\r\nHost : x\r\n\r\n")
        _ = bad.readAll()
        usleep(300_000)
        #expect(server.stop() == 0)
        let lines = server.lines.dropFirst()
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first?.contains("\"GET /nope HTTP/1.1\" 404 ") == true, "\(lines)")
        #expect(lines.last?.contains("\"-\" 400 ") == true, "\(lines)")
    }

    @Test("a bad --filter is a usage error (exit 64) that says where the expression goes wrong")
    func badFilter() throws {
        let result = try Command.run(SockeyeProcess.binary.path, ["--ui", "log", "--port", "0", "--filter", "~c 4z4"], timeout: 10)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("Error: --filter ~c 4z4: at position 4: ~c wants a status like 404"), "\(result.stderr)")
    }
}
