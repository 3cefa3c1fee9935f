import ArgumentParser
import SockeyeDemo
import SockeyeServer

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Client demonstrations against a running server.", subcommands: [HOLCommand.self])
}

struct HOLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hol",
        abstract: "Head-of-line blocking: the same three requests sequential, pipelined and on parallel connections.")

    @Option(help: "The server to ask (http://HOST:PORT).") var url = "http://127.0.0.1:8080"
    @Option(name: .customLong("slow-ms"), help: "How long /slow takes, in milliseconds.") var slowMilliseconds = 1500
    @Flag(help: "Print the measured timeline as JSON.") var json = false

    func validate() throws {
        guard parsedURL != nil else { throw ValidationError("--url must look like http://HOST:PORT, got \(url)") }
        guard (0...60_000).contains(slowMilliseconds) else { throw ValidationError("--slow-ms must be 0...60000") }
    }

    /// `http://host:port` (a trailing slash allowed); IPv6 hosts in brackets.
    private var parsedURL: (host: String, port: Int)? {
        guard url.hasPrefix("http://") else { return nil }
        var rest = url.dropFirst("http://".count)
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
        return (String(host), port)
    }

    func run() throws {
        let (host, port) = parsedURL!
        let demo = HOLDemo(host: host, port: port, slowMilliseconds: slowMilliseconds)
        let ways: [DemoWay]
        do {
            ways = try demo.run()
        } catch let error as SocketError {
            FileHandleOutput.standardError("sockeye demo: no server answers at \(url) (\(error)).\nStart one with: swift run -c release sockeye")
            throw ExitCode(1)
        } catch {
            FileHandleOutput.standardError("sockeye demo: \(url) did not answer as expected: \(error)")
            throw ExitCode(1)
        }
        FileHandleOutput.standardOutput(json ? Waterfall.json(ways, url: url) : Waterfall.render(ways))
    }
}
