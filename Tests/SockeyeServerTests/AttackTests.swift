import Foundation
import SockeyeEvents
import SockeyeServer
import Testing

/// Hostile clients over real sockets. Every attack ends with the server still answering a
/// well-behaved client promptly, and the attack visible as a rejection in the events.
@Suite("Attacks")
struct AttackTests {
    /// A well-behaved client's GET / latency in seconds.
    static func probe(_ port: Int) throws -> Double {
        let started = Date()
        let client = try RawClient(port: port, timeout: 5)
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        guard client.readResponses(1).first?.status == 200 else { return .infinity }
        return Date().timeIntervalSince(started)
    }

    @Test("slowloris: 500 connections dribbling header bytes all get 408; a normal client is served under 100 ms",
          arguments: IOModel.allCases)
    func slowloris(model: IOModel) throws {
        ProcessStats.raiseOpenFileLimit()
        let server = try TestServer(model: model) { $0.headerTimeout = 2 }
        defer { server.stop() }
        let attackers = try (0..<500).map { _ in try RawClient(port: server.port, timeout: 6) }
        let started = Date()
        var latencies: [Double] = []
        var sent = 0
        let head = Array("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".utf8)
        // One byte per attacker every 250 ms; the head never ends.
        while Date().timeIntervalSince(started) < 1.6 {
            for attacker in attackers { attacker.send([head[min(sent, head.count - 1)]]) }
            sent += 1
            latencies.append(try Self.probe(server.port))
            usleep(250_000)
        }
        var timedOut = 0
        for attacker in attackers {
            let (bytes, closed) = attacker.readAll()
            if closed && HTTPResponse.parseAll(bytes).first?.status == 408 { timedOut += 1 }
        }
        #expect(timedOut == 500)
        #expect(latencies.max()! < 0.1, "normal client latencies during the attack: \(latencies)")
        #expect(try Self.probe(server.port) < 0.1)
        #expect(server.eventually { server.rejections.filter { $0.status == 408 && $0.reason == "header timeout" }.count == 500 })
    }

    @Test("slow body (R-U-Dead-Yet): a byte at a time gets 408 after the body timeout", arguments: IOModel.allCases)
    func slowBody(model: IOModel) throws {
        let server = try TestServer(model: model) { $0.bodyTimeout = 1 }
        defer { server.stop() }
        let client = try RawClient(port: server.port, timeout: 4)
        client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n")
        let started = Date()
        for _ in 0..<6 {
            client.send("x")
            usleep(200_000)
        }
        let (bytes, closed) = client.readAll()
        #expect(HTTPResponse.parseAll(bytes).first?.status == 408)
        #expect(closed)
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(try Self.probe(server.port) < 0.1)
        #expect(server.eventually { server.rejections.contains { $0.status == 408 && $0.reason == "body timeout" } })
    }

    @Test("huge head: 10 MB of header bytes get 431 and a close; memory does not grow with the attack",
          arguments: IOModel.allCases)
    func hugeHead(model: IOModel) throws {
        let server = try SockeyeProcess(["--ui", "log", "--log-format", "json", "--model", model.rawValue])
        defer { server.stop() }
        let before = ProcessStats.residentKiB(server.child.pid)
        let client = try RawClient(port: server.port, timeout: 5)
        client.send("GET / HTTP/1.1\r\nHost: x\r\n")
        let line = Array("X-Filler: \(String(repeating: "a", count: 1000))\r\n".utf8)
        var sentBytes = 0
        while sentBytes < 10_000_000 {
            let written = line.withUnsafeBytes { send(client.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { break }
            sentBytes += written
        }
        let (bytes, closed) = client.readAll()
        #expect(HTTPResponse.parseAll(bytes).first?.status == 431)
        #expect(closed)
        let after = ProcessStats.residentKiB(server.child.pid)
        #expect(after - before < 4 * 1024, "RSS grew \(after - before) KiB")
        #expect(try Self.probe(server.port) < 0.1)
        let long = try RawClient(port: server.port)
        long.send("GET /" + String(repeating: "a", count: 20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(HTTPResponse.parseAll(long.readAll().bytes).first?.status == 414)
        usleep(200_000)
        #expect(server.stop() == 0)
        #expect(server.output.contains(#""status":431,"reason":"header section too large""#))
    }

    @Test("huge body claims: 413 before reading, or when a chunked body crosses the limit", arguments: IOModel.allCases)
    func hugeBody(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let claim = try RawClient(port: server.port)
        claim.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n\r\n")
        #expect(HTTPResponse.parseAll(claim.readAll().bytes).first?.status == 413)
        let chunked = try RawClient(port: server.port)
        chunked.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: 0x61, count: 0x10000) + Array("\r\n".utf8)
        for _ in 0..<20 { chunked.send(chunk) }
        #expect(HTTPResponse.parseAll(chunked.readAll().bytes).first?.status == 413)
        #expect(try Self.probe(server.port) < 0.1)
        #expect(server.eventually { server.rejections.filter { $0.status == 413 }.count == 2 })
    }

    @Test("connection flood beyond --max-connections: excess refused, others served, descriptors back to baseline",
          arguments: IOModel.allCases)
    func connectionFlood(model: IOModel) throws {
        ProcessStats.raiseOpenFileLimit()
        let server = try SockeyeProcess(["--ui", "none", "--model", model.rawValue, "--max-connections", "50"])
        defer { server.stop() }
        let baseline = ProcessStats.openDescriptors(server.child.pid)
        let keeper = try RawClient(port: server.port)
        keeper.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(keeper.readResponses(1).first?.status == 200)
        var flood = try (0..<300).map { _ in try RawClient(port: server.port, timeout: 3) }
        var refused = 0
        for client in flood.suffix(250) where HTTPResponse.parseAll(client.readAll().bytes).first?.status == 503 { refused += 1 }
        #expect(refused >= 250, "at most 50 connections are admitted")
        keeper.send("GET /info HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(keeper.readResponses(1).first?.text.contains("\"request\":2") == true)
        flood.removeAll()
        let deadline = Date().addingTimeInterval(5)
        while ProcessStats.openDescriptors(server.child.pid) > baseline + 1 && Date() < deadline { usleep(50_000) }
        #expect(ProcessStats.openDescriptors(server.child.pid) <= baseline + 1, "only the keeper's socket remains")
    }

    /// Each must be answered once (with 400/501) and closed: no second, smuggled request is ever answered.
    static let smuggling: [(String, String)] = [
        ("CL.TE", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("TE.CL", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n5c\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n0\r\n\r\n"),
        ("duplicate CL", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 41\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("chunked not last", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("space before colon", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("xchunked", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("tab TE value", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\tchunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("obs-fold TE", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("bare LF", "GET / HTTP/1.1\nHost: x\n\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("TE in HTTP/1.0", "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"),
    ]

    @Test("request smuggling shapes are refused and never answered twice", arguments: IOModel.allCases)
    func smuggling(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        for (name, raw) in Self.smuggling {
            let client = try RawClient(port: server.port)
            client.send(raw)
            let (bytes, closed) = client.readAll()
            let responses = HTTPResponse.parseAll(bytes)
            #expect(responses.count == 1, "\(name): \(responses.map(\.status))")
            #expect([400, 501].contains(responses.first?.status ?? 0), "\(name)")
            #expect(closed, "\(name)")
        }
        #expect(!server.completed.contains { $0.target == "/smuggled" })
        #expect(server.eventually { server.rejections.count == Self.smuggling.count })

        // A request hidden inside a correctly framed body is body, not a request.
        let hidden = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
        let client = try RawClient(port: server.port)
        client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(hidden.utf8.count)\r\n\r\n\(hidden)")
        let responses = client.readResponses(2)
        #expect(responses.count == 1)
        #expect(responses.first?.text == hidden)
        #expect(!server.completed.contains { $0.target == "/smuggled" })
    }
}
