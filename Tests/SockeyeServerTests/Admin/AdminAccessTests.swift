import Foundation
import Testing

/// Who may read the admin endpoint: loopback by default; elsewhere only with the token.
@Suite("Admin access")
struct AdminAccessTests {
    @Test("a non-loopback address without --admin-token refuses to start")
    func nonLoopbackNeedsToken() throws {
        let result = try Command.run(SockeyeProcess.binary.path, ["--port", "0", "--ui", "none", "--admin", "0.0.0.0:0"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--admin-token"))
        let bad = try Command.run(SockeyeProcess.binary.path, ["--port", "0", "--ui", "none", "--admin", "nonsense"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--admin"))
    }

    @Test("with a token every admin request needs Authorization: Bearer TOKEN")
    func tokenRules() throws {
        let server = try AdminServer(["--admin-token", "s3cret"])
        defer { server.process.stop() }
        func status(_ path: String, _ headers: [String] = []) throws -> String {
            try Command.curl(["-o", "/dev/null", "-w", "%{http_code}"] + headers.flatMap { ["-H", $0] } + [server.adminURL + path]).stdout
        }
        for path in ["/metrics", "/status", "/events", "/nope"] { #expect(try status(path) == "401", "\(path)") }
        #expect(try status("/metrics", ["Authorization: Bearer wrong"]) == "401")
        #expect(try status("/metrics", ["Authorization: Bearer s3cre"]) == "401")
        #expect(try status("/metrics", ["Authorization: Bearer s3crett"]) == "401")
        #expect(try status("/metrics", ["Authorization: Basic czNjcmV0"]) == "401")
        #expect(try status("/metrics", ["Authorization: Bearer s3cret"]) == "200")
        #expect(try status("/metrics", ["Authorization: bearer s3cret"]) == "200")
        let head = try Command.curl(["-sI", server.adminURL + "/metrics"]).stdout.lowercased()
        #expect(head.contains("www-authenticate: bearer"))
        // The site itself is not behind the token.
        #expect(try Command.curl(["-o", "/dev/null", "-w", "%{http_code}", server.url + "/"]).stdout == "200")
    }

    @Test("the admin endpoint is read-only")
    func readOnly() throws {
        let server = try AdminServer()
        defer { server.process.stop() }
        let post = try Command.curl(["-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-d", "x", server.adminURL + "/metrics"])
        #expect(post.stdout == "405")
    }

    @Test("--record writes every event as JSON lines")
    func record() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sockeye-record-\(getpid()).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let server = try SockeyeProcess(["--ui", "none", "--record", file.path])
        for path in ["/", "/info", "/nope"] { _ = try Command.curl([server.url + path]) }
        #expect(server.stop() == 0)
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == lines.count)
        let completed = objects.filter { $0["type"] as? String == "request_completed" }
        #expect(completed.compactMap { $0["target"] as? String } == ["/", "/info", "/nope"])
        #expect(objects.filter { $0["type"] as? String == "connection_closed" }.count == 3)
        let unwritable = try Command.run(SockeyeProcess.binary.path, ["--port", "0", "--ui", "none", "--record", "/nonexistent/dir/x"])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("--record"))
    }
}
