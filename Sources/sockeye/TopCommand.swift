import ArgumentParser
import SockeyeEvents
import SockeyeRemote

/// `sockeye top URL [URL…]`: the dashboard fed from running servers' admin endpoints.
struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "Watch running servers through their admin endpoints (--admin), one or a fleet.",
        discussion: """
            Each URL is a server's admin address as it printed it ("admin on http://127.0.0.1:9090"). With \
            several, a line per server (tag, address, up or down, req/s, open connections, p99 head-of-line \
            wait, 4xx+5xx errors) sits above the merged panes, whose rows carry the server's tag (b:12). A \
            server that goes away is shown down and tried again after 1 s, doubling to 30 s. The merged \
            p99 wait is the worst server's. Same keys as the dashboard.
            """)

    @Argument(help: "Admin endpoints: http://HOST:PORT (HOST:PORT alone is taken as http).")
    var urls: [String]

    @Option(name: .customLong("admin-token"), help: "The servers' --admin-token, sent as a bearer token.")
    var token: String?

    @Option(help: "How often each server is asked for its /status, in milliseconds (100 or more).")
    var intervalMs = 1000

    func validate() throws {
        guard !urls.isEmpty else { throw ValidationError("give at least one admin URL, e.g. sockeye top http://127.0.0.1:9090") }
        guard intervalMs >= 100 else { throw ValidationError("--interval-ms must be 100 or more") }
        for url in urls {
            do { _ = try AdminEndpoint(parsing: url) } catch { throw ValidationError(error.description) }
        }
    }

    func run() throws {
        let endpoints = urls.map { try! AdminEndpoint(parsing: $0, token: token) }
        let source = FleetSource(endpoints: endpoints, intervalMilliseconds: intervalMs)
        source.start()
        let name = endpoints.count == 1 ? endpoints[0].description : "fleet of \(endpoints.count)"
        try DashboardSession.run("top", source: source, info: ServerIdentity(address: name, model: "", workers: 0))
        source.stop()
    }
}
