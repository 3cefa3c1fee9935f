import Foundation
import Testing

/// `sockeye DIR` and `sockeye serve DIR` as a user types them (the real executable).
@Suite("Serving a site from the command line")
struct SiteCommandLineTests {
    @Test("a positional DIR serves the site; the startup says the site comes first", arguments: [[], ["serve"]])
    func positionalDirectory(prefix: [String]) throws {
        let site = try SiteFixture()
        let child = try ChildProcess(SockeyeProcess.binary.path, prefix + ["--port", "0", "--ui", "log", site.root.path])
        defer { if child.isRunning { child.signal(SIGKILL); _ = child.wait(timeout: 5) } }
        var url: String?
        let deadline = Date().addingTimeInterval(10)
        while url == nil && child.isRunning && Date() < deadline {
            url = SockeyeProcess.listeningURL(child.stdout)
            usleep(20_000)
        }
        let address = try #require(url, "\(child.stderr)")
        #expect(try Command.curl([address + "/"]).stdout.contains("<title>site</title>"))
        #expect(try Command.curl(["-o", "/dev/null", "-w", "%{http_code}", address + "/slow?ms=1"]).stdout == "200",
                "built-in routes where nothing matches")
        child.signal(SIGTERM)
        #expect(child.wait(timeout: 10) == 0)
        #expect(child.stderr.contains("its files and folders first, the built-in routes only where nothing under it matches"))
    }

    @Test("DIR and --root together, or a DIR that is not a folder: a usage error")
    func badDirectory() throws {
        let both = try Command.run(SockeyeProcess.binary.path, ["--root", "/tmp", "/tmp"], timeout: 10)
        #expect(both.status == 64)
        let missing = try Command.run(SockeyeProcess.binary.path, ["/nonexistent-sockeye-site"], timeout: 10)
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("DIR /nonexistent-sockeye-site is not a readable folder"))
    }
}
