import Foundation
import SockeyeDemo
import SockeyeServer
import Testing

@Suite("sockeye demo hol")
struct HOLDemoTests {
    @Test("pipelined waits behind /slow, parallel does not; the server's wait agrees with the client's", arguments: IOModel.allCases)
    func demo(model: IOModel) throws {
        let server = try TestServer(model: model, workers: 2)
        defer { server.stop() }
        let ways = try HOLDemo(host: "127.0.0.1", port: server.port, slowMilliseconds: 400).run()
        #expect(ways.map(\.kind) == [.sequential, .pipelined, .parallel])
        let pipelined = ways[1], parallel = ways[2]
        #expect(pipelined.requests.allSatisfy { $0.status == 200 })
        #expect(pipelined.requests[2].lastByte >= pipelined.requests[1].lastByte, "in order: /info after /slow")
        #expect(pipelined.requests[2].waiting >= 400_000_000)
        #expect(parallel.requests[2].lastByte < 200_000_000, "on its own connection /info does not wait")
        #expect(parallel.requests[0].lastByte < 200_000_000)
        #expect(parallel.total >= 400_000_000)

        // The server measured the pipelined /info's head-of-line wait itself.
        #expect(server.eventually { server.completed.count == 9 })
        let serverWait = try #require(server.completed.first { $0.target == "/info" && $0.blockedBy != nil }).wait
        let clientWait = pipelined.requests[2].waiting
        #expect(abs(Double(serverWait) - Double(clientWait)) < 30_000_000, "server \(serverWait) ns vs client \(clientWait) ns")

        let picture = Waterfall.render(ways)
        #expect(picture.split(separator: "\n").filter { $0.contains("|") && $0.contains("GET /") }.count == 9)
        #expect(picture.contains("head-of-line blocking"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Waterfall.json(ways, url: server.url).utf8)) as? [String: Any])
        let jsonWays = try #require(json["ways"] as? [[String: Any]])
        #expect(jsonWays.count == 3)
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
}
