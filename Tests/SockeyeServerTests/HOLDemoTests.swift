import Foundation
@testable import SockeyeDemo
import SockeyeServer
import Testing
import SockeyeSockets

@Suite("sockeye demo hol")
struct HOLDemoTests {
    @Test("pipelined waits behind /slow; parallel and HTTP/2 streams do not; the server's wait agrees with the client's",
          arguments: IOModel.allCases)
    func demo(model: IOModel) throws {
        let server = try TestServer(model: model, workers: 2)
        defer { server.stop() }
        let ways = try HOLDemo(host: "127.0.0.1", port: server.port, slowMilliseconds: 400).run()
        #expect(ways.map(\.kind) == [.sequential, .pipelined, .parallel, .multiplexed])
        let pipelined = ways[1], parallel = ways[2], multiplexed = ways[3]
        #expect(pipelined.requests.allSatisfy { $0.status == 200 })
        #expect(pipelined.requests[2].lastByte >= pipelined.requests[1].lastByte, "in order: /info after /slow")
        #expect(pipelined.requests[2].waiting >= 400_000_000)
        #expect(parallel.requests[2].lastByte < 200_000_000, "on its own connection /info does not wait")
        #expect(parallel.requests[0].lastByte < 200_000_000)
        #expect(parallel.total >= 400_000_000)
        #expect(multiplexed.requests.allSatisfy { $0.status == 200 && $0.server?.hasPrefix("Sockeye") == true })
        #expect(multiplexed.requests[2].lastByte < 200_000_000 && multiplexed.requests[0].lastByte < 200_000_000,
                "on one HTTP/2 connection /info and / do not wait for /slow")
        #expect(multiplexed.requests[1].lastByte >= 400_000_000)

        // The server measured the pipelined /info's head-of-line wait itself.
        #expect(server.eventually { server.completed.count == 12 })
        let streams = server.completed.filter { $0.version == "HTTP/2.0" }
        #expect(streams.count == 3 && Set(streams.map(\.connection)).count == 1 && streams.allSatisfy { $0.wait == 0 },
                "three streams on one connection, none waited")
        let serverWait = try #require(server.completed.first { $0.target == "/info" && $0.blockedBy != nil }).wait
        let clientWait = pipelined.requests[2].waiting
        #expect(abs(Double(serverWait) - Double(clientWait)) < 30_000_000, "server \(serverWait) ns vs client \(clientWait) ns")

        let picture = Waterfall.render(ways, width: 80)
        #expect(picture.split(separator: "\n").filter { $0.contains("|") && $0.contains("GET /") }.count == 12)
        #expect(picture.contains("head-of-line blocking") && picture.contains("streams are") && picture.contains("HTTP/3"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Waterfall.json(ways, url: server.url).utf8)) as? [String: Any])
        let jsonWays = try #require(json["ways"] as? [[String: Any]])
        #expect(jsonWays.map { $0["way"] as? String } == ["sequential", "pipelined", "parallel", "multiplexed"])
        for (jsonWay, way) in zip(jsonWays, ways) {
            let total = try #require(jsonWay["total_ms"] as? Double)
            #expect(abs(total - Double(way.total) / 1e6) < 0.01)
            let lastBytes = try #require((jsonWay["requests"] as? [[String: Any]])?.compactMap { $0["last_byte_ms"] as? Double })
            #expect(abs((lastBytes.max() ?? 0) - total) < 0.01, "total is the last byte of the way")
        }
    }

    @Test("no server at the URL: a clear message and exit 1")
    func noServer() throws {
        let result = try Command.run(SockeyeProcess.binary.path, ["demo", "hol", "--url", "http://127.0.0.1:9"], timeout: 20)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no server answers at http://127.0.0.1:9"))
        #expect(result.stderr.contains("swift run -c release sockeye"))
        let bad = try Command.run(SockeyeProcess.binary.path, ["demo", "hol", "--url", "ftp://x"], timeout: 20)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--url must look like"))
    }

    @Test("the reader follows the server's chunked /chunked, then HEAD, OPTIONS * and /info, pipelined", arguments: IOModel.allCases)
    func readsServerChunked(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
        defer { socket.close() }
        let requests = [("GET", "/chunked"), ("HEAD", "/chunked"), ("OPTIONS", "*"), ("GET", "/info")]
        try socket.writeAll(Array(requests.map { "\($0) \($1) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined().utf8))
        var reader = ResponseReader(source: socket, limits: ResponseLimits(timeoutMilliseconds: 5_000))
        let responses = try requests.map { method, _ in try reader.next(requestMethod: method) }
        #expect(responses.map(\.status) == [200, 200, 204, 200])
        #expect(responses[0].lastByte - responses[0].firstByte >= 350_000_000, "5 chunks 100 ms apart")
    }

    @Test("the demo runs against a server that answers chunked, with extensions and trailers, after a 103",
          .timeLimit(.minutes(1)))
    func chunkedServer() throws {
        let reply = "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n"
            + "5;name=value\r\nHello\r\n7 ; last\r\n, world\r\n0\r\nX-Checksum: 42\r\n\r\n"
        let server = try CannedReplyServer(reply: Array(reply.utf8))
        defer { server.stop() }
        let ways = try HOLDemo(host: "127.0.0.1", port: server.port, slowMilliseconds: 0).run()
        let timings = ways.flatMap(\.requests)
        #expect(timings.map(\.status) == Array(repeating: 200, count: 9))
        #expect(timings.allSatisfy { $0.sent <= $0.firstByte && $0.firstByte < $0.lastByte }, "replies arrive in pieces")
        #expect(!ways.answeredBySockeye, "no Server field")
    }

    @Test("a server that goes quiet mid-response: the reader gives up on time")
    func stalledServer() throws {
        let reply = Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this".utf8)
        let server = try CannedReplyServer(reply: reply)
        defer { server.stop() }
        let socket = try Socket.connect(host: "127.0.0.1", port: server.port)
        defer { socket.close() }
        try socket.writeAll(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        var reader = ResponseReader(source: socket, limits: ResponseLimits(timeoutMilliseconds: 300))
        let started = Date()
        #expect(throws: ResponseReadError.timedOut(milliseconds: 300, receivedBytes: reply.count)) { try reader.next() }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.3 && elapsed < 2, "took \(elapsed) s")
    }

    @Test("`sockeye demo pipeline` queues requests behind /slow and reports them in order", arguments: IOModel.allCases)
    func pipelineDemo(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let result = try Command.run(SockeyeProcess.binary.path, ["demo", "pipeline", "--url", server.url, "--count", "4",
                                                                  "--slow-ms", "300"], timeout: 20)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("4 requests pipelined on one connection") == true)
        #expect(lines.dropFirst().map { $0.split(separator: " ").dropFirst().first.map(String.init) ?? "" }
                == ["/slow?ms=300", "/info?n=2", "/info?n=3", "/info?n=4"])
        #expect(lines.dropFirst(2).allSatisfy { $0.contains("waited behind /slow?ms=300") })
        #expect(server.eventually { server.completed.filter { $0.wait > 0 }.count == 3 }, "the server measured three waits")
        let refused = try Command.run(SockeyeProcess.binary.path, ["demo", "pipeline", "--url", "http://127.0.0.1:1"], timeout: 10)
        #expect(refused.status == 1 && refused.stderr.contains("no server answers") && refused.stdout.isEmpty)
    }
}

/// A stand-in server on 127.0.0.1, port 0, that answers every request on every connection with
/// `reply`, written seven bytes at a time so that the client's reads split it. Each connection
/// has its own thread, whose reads give up after 5 s.
final class CannedReplyServer: Sendable {
    private let listener: Socket
    let port: Int

    init(reply: [UInt8]) throws {
        listener = try Socket.listen(host: "127.0.0.1", port: 0)
        port = try listener.localPort()
        Thread.detachNewThread { [listener] in
            while let (client, _) = try? listener.accept(nonBlocking: false) {
                Thread.detachNewThread { Self.serve(client, reply: reply) }
            }
            listener.close()
        }
    }

    /// Stops accepting; the accepting thread then closes the listener.
    func stop() { listener.shutdown() }

    private static func serve(_ client: Socket, reply: [UInt8]) {
        defer { client.close() }
        try? client.setNoDelay()
        try? client.setReceiveTimeout(milliseconds: 5_000)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case .bytes(let count)? = try? buffer.withUnsafeMutableBytes({ try client.read(into: $0) }) {
            received += buffer[..<count]
            while let headEnd = received.firstRange(of: Array("\r\n\r\n".utf8)) {
                received.removeSubrange(..<headEnd.upperBound)
                for start in stride(from: 0, to: reply.count, by: 7) {
                    try? client.writeAll(Array(reply[start..<min(start + 7, reply.count)]))
                    usleep(1_000)
                }
            }
        }
    }
}
