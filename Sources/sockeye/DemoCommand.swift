import ArgumentParser
import SockeyeDemo
import SockeyeServer
import SockeyeSockets

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Client demonstrations against a running server.",
        subcommands: [HOLCommand.self, PipelineCommand.self, TilesCommand.self])
}

/// `http://host:port` (a trailing slash allowed); IPv6 hosts in brackets.
struct DemoURL {
    let text: String
    let host: String
    let port: Int

    init?(_ text: String) {
        guard text.hasPrefix("http://") else { return nil }
        var rest = text.dropFirst("http://".count)
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        let host: Substring, portText: Substring
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = rest[rest.index(after: rest.startIndex)..<close]
            portText = rest[close...].dropFirst(2)
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
            portText = "80"
        }
        guard !host.isEmpty, let port = Int(portText), (1...65535).contains(port) else { return nil }
        self.text = text
        self.host = String(host)
        self.port = port
    }

    /// Runs a demo's exchange, turning failures into one clear line and exit status 1.
    func exchange<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as SocketError {
            FileHandleOutput.standardError("sockeye demo: no server answers at \(text) (\(error)).\nStart one with: swift run -c release sockeye")
            throw ExitCode(1)
        } catch {
            FileHandleOutput.standardError("sockeye demo: \(text) did not answer as expected: \(error)")
            throw ExitCode(1)
        }
    }
}

struct HOLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hol",
        abstract: "Head-of-line blocking: the same three requests sequential, pipelined and on parallel connections.")

    @Option(help: "The server to ask (http://HOST:PORT).") var url = "http://127.0.0.1:8080"
    @Option(name: .customLong("slow-ms"), help: "How long /slow takes, in milliseconds.") var slowMilliseconds = 1500
    @Flag(help: "Print the measured timeline as JSON.") var json = false

    func validate() throws {
        guard DemoURL(url) != nil else { throw ValidationError("--url must look like http://HOST:PORT, got \(url)") }
        guard (0...60_000).contains(slowMilliseconds) else { throw ValidationError("--slow-ms must be 0...60000") }
    }

    func run() throws {
        let server = DemoURL(url)!
        let demo = HOLDemo(host: server.host, port: server.port, slowMilliseconds: slowMilliseconds)
        let ways = try server.exchange { try demo.run() }
        FileHandleOutput.standardOutput(json ? Waterfall.json(ways, url: url) : Waterfall.render(ways, width: TerminalWidth.current()))
    }
}

struct PipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Pipeline /slow and N-1 quick requests on one connection (curl cannot): watch them queue on the dashboard.")

    @Option(help: "The server to ask (http://HOST:PORT).") var url = "http://127.0.0.1:8080"
    @Option(help: "How many requests, the first being /slow (2...1000).") var count = 5
    @Option(name: .customLong("slow-ms"), help: "How long /slow takes, in milliseconds.") var slowMilliseconds = 3000

    func validate() throws {
        guard DemoURL(url) != nil else { throw ValidationError("--url must look like http://HOST:PORT, got \(url)") }
        guard (2...1000).contains(count) else { throw ValidationError("--count must be 2...1000, got \(count)") }
        guard (0...60_000).contains(slowMilliseconds) else { throw ValidationError("--slow-ms must be 0...60000") }
    }

    func run() throws {
        let server = DemoURL(url)!
        let demo = PipelineDemo(host: server.host, port: server.port, count: count, slowMilliseconds: slowMilliseconds)
        try server.exchange {
            try demo.run(connected: {
                FileHandleOutput.standardOutput("\(count) requests pipelined on one connection to \(url); responses come back in order:")
            }) { arrival in
                let behind = arrival.path == demo.paths[0] ? "" : "  (waited behind \(demo.paths[0]))"
                FileHandleOutput.standardOutput("  \(arrival.status)  \(arrival.path)  after \(arrival.milliseconds) ms\(behind)")
            }
        }
    }
}
