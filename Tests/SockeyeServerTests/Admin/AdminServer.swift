import Foundation

/// A `sockeye` started with `--admin :0`: the site's address and the admin's, from the first two
/// lines, and `/metrics` read as samples.
struct AdminServer {
    let process: SockeyeProcess
    let adminURL: String

    init(_ arguments: [String] = []) throws {
        process = try SockeyeProcess(["--ui", "none", "--workers", "1", "--admin", ":0"] + arguments)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let line = process.lines.first(where: { $0.hasPrefix("admin on ") }) {
                adminURL = String(line.dropFirst("admin on ".count))
                return
            }
            usleep(20_000)
        }
        process.stop()
        throw POSIXError(.ETIMEDOUT)
    }

    var port: Int { process.port }
    var url: String { process.url }
    var adminPort: Int { URLComponents(string: adminURL)?.port ?? 0 }

    /// `/metrics` as `name{labels}` → value, exactly as exposed.
    func metrics() throws -> [String: Double] {
        Self.samples(try Command.curl([adminURL + "/metrics"]).stdout)
    }

    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    /// Waits (bounded) until the site has no open connection, so every close is counted.
    func waitUntilIdle() throws {
        for _ in 0..<100 {
            if try metrics()["sockeye_connections_open"] == 0 { return }
            usleep(50_000)
        }
    }
}
