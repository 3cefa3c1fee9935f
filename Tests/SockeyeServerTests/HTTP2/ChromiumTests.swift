import Foundation
import Testing

private let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/chromium-headless-shell"]
    .first(where: FileManager.default.isExecutableFile)

/// A real browser loading a real page from `sockeye DIR`: the page's 26 assets (2 stylesheets, 4
/// scripts, 20 images) load, over one HTTP/2 connection with TLS (ALPN h2), and over HTTP/1.1 on
/// the few connections a browser opens. What was served is read from the server's own JSON log.
@Suite("A page in headless Chromium", .enabled(if: chromium != nil, "Chromium is not installed (Debian package chromium)"))
struct ChromiumTests {
    /// index.html and its 26 assets; once loaded, the page writes what it has into `data-result`.
    private static func makeSite() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sockeye-site27-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>27 requests</title><link rel=\"icon\" href=\"data:,\">\n"
        for index in 1...2 {
            try "body { margin: \(index)px; }\n".write(to: root.appendingPathComponent("style\(index).css"), atomically: true, encoding: .utf8)
            page += "<link rel=stylesheet href=\"style\(index).css\">\n"
        }
        for index in 1...4 {
            try "window.loadedScripts = (window.loadedScripts || 0) + 1;\n"
                .write(to: root.appendingPathComponent("app\(index).js"), atomically: true, encoding: .utf8)
            page += "<script src=\"app\(index).js\"></script>\n"
        }
        page += "</head><body>\n"
        for index in 1...20 {
            let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\" fill=\"#\(String(format: "%02x", index * 10))5080\"/></svg>"
            try svg.write(to: root.appendingPathComponent("tile\(index).svg"), atomically: true, encoding: .utf8)
            page += "<img src=\"tile\(index).svg\" alt=\"\">\n"
        }
        page += """
            <script>window.addEventListener("load", () => {
              const images = [...document.images].filter(i => i.complete && i.naturalWidth > 0).length;
              document.body.setAttribute("data-result", `images=${images} scripts=${window.loadedScripts} styles=${document.styleSheets.length}`);
            });</script></body></html>
            """
        try page.write(to: root.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        return root
    }

    /// Loads `url` and returns the page's `data-result`; the profile is a fresh folder.
    private static func load(_ url: String) throws -> String? {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("sockeye-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let result = try Command.run(chromium!, [
            "--headless", "--no-sandbox", "--disable-gpu", "--ignore-certificate-errors", "--no-first-run",
            "--user-data-dir=\(profile.path)", "--virtual-time-budget=5000", "--dump-dom", url,
        ], timeout: 60)
        guard let range = result.stdout.range(of: "data-result=\"") else { return nil }
        return String(result.stdout[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The server's `request_completed` lines: (connection, version, status, target).
    private static func served(_ server: SockeyeProcess, expected: Int) -> [(UInt64, String, Int, String)] {
        let deadline = Date().addingTimeInterval(5)
        var rows: [(UInt64, String, Int, String)] = []
        repeat {
            rows = server.lines.compactMap { line in
                guard line.contains("\"request_completed\""),
                      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let connection = object["connection"] as? Int, let version = object["version"] as? String,
                      let status = object["status"] as? Int, let target = object["target"] as? String else { return nil }
                return (UInt64(connection), version, status, target)
            }
            if rows.count >= expected { break }
            usleep(50_000)
        } while Date() < deadline
        return rows
    }

    @Test("over TLS: 27 requests multiplexed on one HTTP/2 connection, every asset loaded")
    func http2() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let server = try SockeyeProcess(["--ui", "log", "--log-format", "json", "--workers", "1", "--tls-self-signed", site.path])
        defer { _ = server.stop() }
        #expect(try Self.load(server.url + "/") == "images=20 scripts=4 styles=2")
        let rows = Self.served(server, expected: 27)
        #expect(rows.count == 27 && rows.allSatisfy { $0.2 == 200 }, "\(rows)")
        #expect(Set(rows.map(\.0)).count == 1, "one connection: \(Set(rows.map(\.0)))")
        #expect(rows.allSatisfy { $0.1 == "HTTP/2.0" }, "\(Set(rows.map(\.1)))")
        #expect(Set(rows.map(\.3)).count == 27, "each asset once")
    }

    @Test("over HTTP/1.1: the same 27 requests on the few keep-alive connections a browser opens")
    func http11() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let server = try SockeyeProcess(["--ui", "log", "--log-format", "json", "--workers", "1", site.path])
        defer { _ = server.stop() }
        #expect(try Self.load(server.url + "/") == "images=20 scripts=4 styles=2")
        let rows = Self.served(server, expected: 27)
        #expect(rows.count == 27 && rows.allSatisfy { $0.2 == 200 && $0.1 == "HTTP/1.1" }, "\(rows)")
        let connections = Set(rows.map(\.0)).count
        #expect(connections >= 1 && connections <= 6, "a browser opens at most 6 connections to one origin: \(connections)")
    }
}
