import Foundation
import Testing

private let prometheusBinary = ["/usr/bin/prometheus", "/usr/local/bin/prometheus"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

/// A real Prometheus scrapes the admin endpoint; its query API returns the totals `/metrics` shows.
@Suite("Prometheus scrape", .enabled(if: prometheusBinary != nil, "prometheus is not installed (Debian package prometheus)"))
struct PrometheusScrapeTests {

    /// A port free now (bound to 0, then released): Prometheus cannot report the one it picked.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length)
                return getsockname(fd, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The single value of an instant query, or nil while Prometheus has none.
    static func query(_ expression: String, port: Int) -> Double? {
        guard let encoded = expression.addingPercentEncoding(withAllowedCharacters: .alphanumerics),
              let result = try? Command.curl(["http://127.0.0.1:\(port)/api/v1/query?query=\(encoded)"]),
              let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let data = object["data"] as? [String: Any], let vector = data["result"] as? [[String: Any]],
              let value = vector.first?["value"] as? [Any], let text = value.last as? String
        else { return nil }
        return Double(text)
    }

    @Test("the query API returns the same totals as /metrics")
    func scrape() throws {
        let server = try AdminServer()
        defer { server.process.stop() }
        try AdminMetricsTests.sendKnownMix(port: server.port)
        try server.waitUntilIdle()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sockeye-prometheus-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = """
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: sockeye
                static_configs:
                  - targets: ["127.0.0.1:\(server.adminPort)"]
            """
        try config.write(to: directory.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        let port = Self.freePort()
        let prometheus = try ChildProcess(prometheusBinary!, [
            "--config.file=\(directory.path)/prometheus.yml", "--storage.tsdb.path=\(directory.path)/data",
            "--web.listen-address=127.0.0.1:\(port)",
        ])
        defer {
            prometheus.signal(SIGTERM)
            if prometheus.wait(timeout: 10) == nil { prometheus.signal(SIGKILL) }
        }
        let exposed = try server.metrics()
        var served: Double?
        for _ in 0..<150 {
            served = Self.query("sum(sockeye_http_requests_total)", port: port)
            if served != nil { break }
            usleep(200_000)
        }
        #expect(Self.query("up{job=\"sockeye\"}", port: port) == 1, "\(prometheus.stderr.suffix(2000))")
        #expect(served == 7)
        #expect(Self.query("sockeye_http_requests_total{method=\"GET\",code=\"200\"}", port: port)
            == exposed["sockeye_http_requests_total{method=\"GET\",code=\"200\"}"])
        #expect(Self.query("sockeye_connections_accepted_total", port: port) == exposed["sockeye_connections_accepted_total"])
        #expect(Self.query("sockeye_hol_wait_seconds_count", port: port) == 1)
        #expect(Self.query("sockeye_connection_requests_sum", port: port) == 7)
    }
}
