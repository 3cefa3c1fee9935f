import Foundation
import SockeyeServer
import Testing

private let nghttp = ["/usr/bin/nghttp", "/usr/local/bin/nghttp"].first(where: FileManager.default.isExecutableFile)

/// HTTP/2 as nghttp2's own client sees it: its frame log (`-v`) and its per-stream timings (`-s`).
@Suite("HTTP/2 with nghttp", .enabled(if: nghttp != nil, "nghttp is not installed (Debian package nghttp2-client)"))
struct NghttpTests {
    /// The frames nghttp logs as received: `recv SETTINGS frame <length=…, flags=…, stream_id=…>`.
    private static func received(_ log: String) -> [String] {
        log.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "recv ") else { return nil }
            return String(line[range.upperBound...].prefix { $0 != "<" }).trimmingCharacters(in: .whitespaces)
        }
    }

    @Test("prior knowledge, both models: the server's SETTINGS first, nghttp's acknowledged, HEADERS and DATA ending the stream",
          arguments: IOModel.allCases)
    func frames(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let result = try Command.run(nghttp!, ["-nv", server.url + "/info"])
        #expect(result.status == 0, "nghttp: \(result.stderr)")
        let frames = Self.received(result.stdout)
        #expect(frames.first == "SETTINGS frame", "the server's preface comes first: \(frames)")
        #expect(result.stdout.contains("recv SETTINGS frame <length=0, flags=0x01, stream_id=0>"), "our SETTINGS acknowledged")
        #expect(frames.contains("WINDOW_UPDATE frame"), "the connection window opened beyond 64 KiB")
        #expect(Self.answered(result.stdout), "a :status 200 received on a stream")
        #expect(result.stdout.contains("recv DATA frame") && result.stdout.contains("; END_STREAM"))
        let goaway = result.stdout.contains("send GOAWAY frame")
        #expect(goaway, "nghttp ends the connection with GOAWAY")
        #expect(server.eventually { server.completed.count == 1 })
    }

    @Test("two streams on one connection: /info finishes before /slow, which does not hold it up")
    func noHeadOfLineBlocking() throws {
        let server = try TestServer(model: .eventloop)
        defer { server.stop() }
        // -s: a table of each stream's response end time, relative to the connection's start.
        let result = try Command.run(nghttp!, ["-ns", server.url + "/slow?ms=800", server.url + "/info"])
        #expect(result.status == 0, "nghttp: \(result.stderr)")
        let ends = Self.responseEnds(result.stdout)
        let slow = try #require(ends["/slow?ms=800"], "\(result.stdout)")
        let info = try #require(ends["/info"], "\(result.stdout)")
        #expect(info < 0.4 && slow >= 0.8, "/info at \(info) s, /slow at \(slow) s: multiplexed, not queued")
        #expect(server.eventually { server.completed.count == 2 })
        let records = server.completed
        #expect(Set(records.map(\.connection)).count == 1, "one connection")
        #expect(records.allSatisfy { $0.wait == 0 }, "no request waited behind another")
        #expect(records.allSatisfy { $0.version == "HTTP/2.0" }, "records say what served them")
    }

    @Test("the access log says HTTP/2.0 for a request served over HTTP/2, as nginx's does")
    func logsTheVersion() throws {
        let server = try SockeyeProcess(["--ui", "log", "--log-format", "clf", "--workers", "1"])
        defer { _ = server.stop() }
        #expect(try Command.run(nghttp!, ["-n", server.url + "/info"]).status == 0)
        _ = try Command.curl([server.url + "/info"])
        let deadline = Date().addingTimeInterval(5)
        while server.lines.filter({ $0.contains("GET /info") }).count < 2 && Date() < deadline { usleep(20_000) }
        let lines = server.lines.filter { $0.contains("GET /info") }
        #expect(lines.count == 2 && lines[0].contains("\"GET /info HTTP/2.0\" 200") && lines[1].contains("\"GET /info HTTP/1.1\" 200"),
                "\(lines)")
    }

    @Test("over TLS, nghttp negotiates h2 by ALPN")
    func overTLS() throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let context = try TLSContext.load(certificateFile: certificate.certificate, keyFile: certificate.key)
        let server = try TestServer(model: .eventloop) { $0.tls = context }
        defer { server.stop() }
        let result = try Command.run(nghttp!, ["-nv", "https://127.0.0.1:\(server.port)/"])
        #expect(result.status == 0, "nghttp: \(result.stderr)")
        #expect(result.stdout.contains("The negotiated protocol: h2"), "\(result.stdout.prefix(600))")
        #expect(Self.answered(result.stdout))
    }

    /// nghttp's streams start at 13 (it opens idle streams 3–11 for its priority tree first).
    private static func answered(_ log: String) -> Bool {
        log.split(separator: "\n").contains { $0.contains("recv (stream_id=") && $0.hasSuffix(":status: 200") }
    }

    /// `-s` output: a table whose rows end with the path, with `responseEnd` as `+123.45ms` or `+1.2s`.
    static func responseEnds(_ output: String) -> [String: Double] {
        var ends: [String: Double] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 4, let path = fields.last, path.hasPrefix("/"),
                  let end = fields.first(where: { $0.hasPrefix("+") }).flatMap(Self.seconds) else { continue }
            ends[String(path)] = end
        }
        return ends
    }

    private static func seconds(_ text: Substring) -> Double? {
        let value = text.dropFirst()
        if value.hasSuffix("us") { return Double(value.dropLast(2)).map { $0 / 1e6 } }
        if value.hasSuffix("ms") { return Double(value.dropLast(2)).map { $0 / 1e3 } }
        if value.hasSuffix("s") { return Double(value.dropLast(1)) }
        return nil
    }
}
