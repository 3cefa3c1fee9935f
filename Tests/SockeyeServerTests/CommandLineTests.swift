import Foundation
import Testing

/// The command line as a user meets it: the real executable's help, version and `--host`.
@Suite("Command line (real executable)")
struct CommandLineTests {
    static func sockeye(_ arguments: [String]) throws -> Command.Result {
        try Command.run(SockeyeProcess.binary.path, arguments, timeout: 10)
    }

    @Test("`sockeye --help` shows the server's flags (serving is the default) and the subcommands", arguments: [[], ["serve"]])
    func help(subcommand: [String]) throws {
        let result = try Self.sockeye(subcommand + ["--help"])
        #expect(result.status == 0)
        for flag in ["--host", "--port", "--ui", "--log-format", "--max-connections", "--send-timeout", "--tls-self-signed"] {
            #expect(result.stdout.contains(flag), "\(subcommand + ["--help"]) lists \(flag)")
        }
        if subcommand.isEmpty {
            #expect(result.stdout.contains("serve") && result.stdout.contains("demo"), "\(result.stdout)")
        }
    }

    @Test("`sockeye --version` prints the version and exits 0")
    func version() throws {
        let result = try Self.sockeye(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.wholeMatch(of: /\d+\.\d+\.\d+\n/) != nil, "\(result.stdout)")
    }

    @Test("`sockeye serve` runs the same server as `sockeye`")
    func serveSubcommand() throws {
        let child = try ChildProcess(SockeyeProcess.binary.path, ["serve", "--port", "0", "--ui", "log"])
        var url: String?
        let deadline = Date().addingTimeInterval(10)
        while url == nil && child.isRunning && Date() < deadline {
            url = SockeyeProcess.listeningURL(child.stdout)
            usleep(20_000)
        }
        let address = try #require(url, "\(child.stderr)")
        #expect(try Command.curl([address + "/"]).stdout.contains("Hello World!"))
        child.signal(SIGTERM)
        #expect(child.wait(timeout: 10) == 0)
    }

    @Test("`--host localhost` listens on the address the name resolves to and serves")
    func hostName() throws {
        let server = try SockeyeProcess(["--ui", "none", "--host", "localhost"])
        #expect(server.url.hasPrefix("http://127.0.0.1:") || server.url.hasPrefix("http://[::1]:"), "\(server.url)")
        let response = try Command.curl([server.url + "/"])
        #expect(response.status == 0 && response.stdout.contains("Hello World!"), "\(response.stderr)")
        #expect(server.stop() == 0)
    }

    @Test("a --host that resolves to nothing fails with one line naming it and the resolver's reason")
    func unresolvableHost() throws {
        // .invalid never resolves (RFC 6761), with or without a network.
        let result = try Self.sockeye(["--ui", "none", "--port", "0", "--host", "no-such-host.invalid"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("sockeye: cannot resolve --host no-such-host.invalid: "), "\(result.stderr)")
        #expect(!result.stderr.contains("errno"), "the resolver's words, not an errno: \(result.stderr)")
    }
}
