import Foundation
import Testing

/// `/metrics` after a known request mix: every value exact, and the exposition valid for promtool.
@Suite("Admin metrics")
struct AdminMetricsTests {
    static let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Four connections: three GETs and a 404 kept alive; `/slow` with `/info` waiting behind it;
    /// a POST; a malformed request line (400 before any handler).
    static func sendKnownMix(port: Int) throws {
        let keptAlive = try RawClient(port: port)
        keptAlive.send(String(repeating: "GET / HTTP/1.1\r\nHost: t\r\n\r\n", count: 3)
            + "GET /nope HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        #expect(keptAlive.readResponses(4).map(\.status) == [200, 200, 200, 404])
        let pipelined = try RawClient(port: port)
        pipelined.send("GET /slow?ms=300 HTTP/1.1\r\nHost: t\r\n\r\nGET /info HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        #expect(pipelined.readResponses(2).map(\.status) == [200, 200])
        let post = try RawClient(port: port)
        post.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
        #expect(post.readResponses(1).map(\.status) == [200])
        let malformed = try RawClient(port: port)
        malformed.send("BLAH\r\n\r\n")
        #expect(malformed.readResponses(1).map(\.status) == [400])
        for client in [keptAlive, pipelined, post, malformed] { _ = client.waitForClose() }
    }

    @Test("values are exact after a known mix of requests")
    func exactValues() throws {
        let server = try AdminServer()
        defer { server.process.stop() }
        try Self.sendKnownMix(port: server.port)
        try server.waitUntilIdle()
        let metrics = try server.metrics()
        #expect(metrics["sockeye_http_requests_total{method=\"GET\",code=\"200\"}"] == 5)
        #expect(metrics["sockeye_http_requests_total{method=\"GET\",code=\"404\"}"] == 1)
        #expect(metrics["sockeye_http_requests_total{method=\"POST\",code=\"200\"}"] == 1)
        #expect(metrics.keys.filter { $0.hasPrefix("sockeye_http_requests_total{") }.count == 3)
        #expect(metrics["sockeye_http_request_duration_seconds_count"] == 7)
        #expect(metrics["sockeye_http_request_duration_seconds_bucket{le=\"+Inf\"}"] == 7)
        // /slow took 300 ms and /info waited that long behind it: two requests above 0.25 s.
        #expect(metrics["sockeye_http_request_duration_seconds_bucket{le=\"0.25\"}"] == 5)
        #expect((metrics["sockeye_http_request_duration_seconds_sum"] ?? 0) >= 0.6)
        // /info waited behind /slow for about its 300 ms.
        #expect(metrics["sockeye_hol_wait_seconds_count"] == 1)
        #expect(metrics["sockeye_hol_wait_seconds_bucket{le=\"0.1\"}"] == 0)
        #expect(metrics["sockeye_hol_wait_seconds_bucket{le=\"0.5\"}"] == 1)
        #expect((0.25...1.0).contains(metrics["sockeye_hol_wait_seconds_sum"] ?? 0))
        let rejections = metrics.filter { $0.key.hasPrefix("sockeye_http_rejections_total{code=\"400\"") }
        #expect(rejections.values.reduce(0, +) == 1)
        #expect(metrics["sockeye_connections_accepted_total"] == 4)
        #expect(metrics["sockeye_connections_open"] == 0)
        #expect(metrics["sockeye_connections_closed_total{reason=\"connection_close\"}"] == 3)
        #expect(metrics["sockeye_connections_closed_total{reason=\"rejected\"}"] == 1)
        // Requests per closed connection: 0 (malformed), 1 (POST), 2 (pipelined), 4 (kept alive).
        #expect(metrics["sockeye_connection_requests_bucket{le=\"0\"}"] == 1)
        #expect(metrics["sockeye_connection_requests_bucket{le=\"1\"}"] == 2)
        #expect(metrics["sockeye_connection_requests_bucket{le=\"2\"}"] == 3)
        #expect(metrics["sockeye_connection_requests_bucket{le=\"5\"}"] == 4)
        #expect(metrics["sockeye_connection_requests_count"] == 4)
        #expect(metrics["sockeye_connection_requests_sum"] == 7)
        #expect(metrics["sockeye_received_bytes_total"] == 5)
        #expect(metrics["sockeye_tls_handshakes_total{result=\"ok\"}"] == 0)
        #expect(metrics["sockeye_events_dropped_total"] == 0)
        // The process metrics are the kernel's.
        let pid = server.process.child.pid
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count
        #expect(abs((metrics["process_open_fds"] ?? 0) - Double(descriptors)) <= 2)
        #expect((metrics["process_resident_memory_bytes"] ?? 0) > 1_000_000)
        #expect(abs((metrics["process_start_time_seconds"] ?? 0) - Date().timeIntervalSince1970) < 120)
        #expect((metrics["process_max_fds"] ?? 0) >= 1024)
    }

    @Test("the admin listener's own requests are not counted with the site's")
    func adminTrafficApart() throws {
        let server = try AdminServer()
        defer { server.process.stop() }
        for _ in 0..<3 { _ = try server.metrics() }
        let metrics = try server.metrics()
        #expect(metrics["sockeye_connections_accepted_total"] == 0)
        #expect(metrics.keys.filter { $0.hasPrefix("sockeye_http_requests_total{") }.isEmpty)
    }

    @Test("promtool check metrics finds nothing to fix",
          .enabled(if: promtool != nil, "promtool is not installed (Debian package prometheus)"))
    func promtoolClean() throws {
        let server = try AdminServer()
        defer { server.process.stop() }
        try Self.sendKnownMix(port: server.port)
        let exposition = try Command.curl([server.adminURL + "/metrics"]).stdout
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sockeye-metrics-\(getpid()).txt")
        try exposition.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try Command.run("/bin/sh", ["-c", "\(Self.promtool!) check metrics < \(file.path)"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.isEmpty && check.stderr.isEmpty, "promtool lint: \(check.stdout)\(check.stderr)")
    }

    @Test("Content-Type is the text exposition format 0.0.4")
    func contentType() throws {
        let server = try AdminServer()
        defer { server.process.stop() }
        let head = try Command.curl(["-sI", server.adminURL + "/metrics"]).stdout.lowercased()
        #expect(head.contains("content-type: text/plain; version=0.0.4; charset=utf-8"))
    }
}
