import Foundation
@testable import SockeyeDemo
import SockeyeServer
import Synchronization
import Testing

@Suite("sockeye demo tiles")
struct TilesDemoTests {
    @Test("one connection queues the tiles, six cut it to a sixth, HTTP/2 asks for them all at once", arguments: IOModel.allCases)
    func lanes(model: IOModel) throws {
        let server = try TestServer(model: model, workers: 2)
        defer { server.stop() }
        let demo = TilesDemo(host: "127.0.0.1", port: server.port, count: 12, latencyMilliseconds: 60)
        let seen = Mutex<[TilesDemo.Lane: Int]>([:])
        var results: [TilesDemo.LaneResult] = []
        for lane in TilesDemo.Lane.allCases {
            results.append(try demo.run(lane) { _, _ in seen.withLock { $0[lane, default: 0] += 1 } })
        }
        #expect(seen.withLock { $0 } == [.oneConnection: 12, .sixConnections: 12, .http2: 12], "each tile reported as it arrived")
        let (one, six, h2) = (results[0], results[1], results[2])
        #expect(one.total >= 12 * 60_000_000, "one at a time: \(one.total)")
        #expect(six.total >= 2 * 60_000_000 && six.total < one.total / 2, "two rounds of six: \(six.total)")
        #expect(h2.total >= 60_000_000 && h2.total < 3 * 60_000_000, "all at once: \(h2.total)")
        #expect(results.allSatisfy { $0.arrivals.allSatisfy { $0 > 0 } })
        #expect(server.eventually { server.completed.count == 36 })
        let records = server.completed
        let streams = records.filter { $0.version == "HTTP/2.0" }
        #expect(streams.count == 12 && Set(streams.map(\.connection)).count == 1, "twelve streams on one connection")
        #expect(Set(records.filter { $0.version == "HTTP/1.1" }.map(\.connection)).count == 7, "1 + 6 HTTP/1.1 connections")
        #expect(records.allSatisfy { $0.status == 200 && $0.target.hasPrefix("/slow?ms=60&tile=") })
    }

    @Test("the picture: tiles shaded by when they arrived, lanes side by side or stacked, the totals explained")
    func picture() {
        var lanes = TilesDemo.Lane.allCases.map { TilesPicture.LaneState(lane: $0, count: 4) }
        lanes[0].arrivals = [100, 200, 300, 400].map { UInt64($0) * 1_000_000 }
        lanes[1].arrivals = [100, 100, 200, nil].map { $0.map { UInt64($0) * 1_000_000 } }
        lanes[2].arrivals = [100, 100, 100, 100].map { UInt64($0) * 1_000_000 }
        lanes[0].finished = true
        lanes[2].finished = true
        let wide = TilesPicture.render(lanes, width: 100)
        #expect(wide[0].contains("HTTP/1.1, 1 connection") && wide[0].contains("HTTP/2, 1 connection"))
        #expect(wide[1].hasPrefix("██▓▓") && wide[2].hasPrefix("▒▒░░"), "first to last quarter of 400 ms: \(wide)")
        #expect(wide[2].contains("▓▓·"), "a tile not yet arrived: \(wide[2])")
        #expect(wide[3].contains("total 400 ms") && wide[3].contains("3/4 tiles") && wide[3].contains("total 100 ms"))
        #expect(TilesPicture.explanation(lanes, latencyMilliseconds: 100) == nil, "not until every lane has finished")
        let narrow = TilesPicture.render(lanes, width: 40)
        #expect(narrow.filter { $0.hasPrefix("HTTP/") }.count == 3 && narrow.allSatisfy { $0.count <= 40 || $0.hasPrefix("·") })
        lanes[1].arrivals[3] = 200_000_000
        lanes[1].finished = true
        let text = TilesPicture.explanation(lanes, latencyMilliseconds: 100) ?? ""
        #expect(text.contains("4 × 100 ms, 400 ms") && text.contains("200 ms") && text.contains("all 4 at once"))
    }

    @Test("bad arguments are refused with a message")
    func refusals() throws {
        let tooMany = try Command.run(SockeyeProcess.binary.path, ["demo", "tiles", "--count", "101"])
        #expect(tooMany.status != 0 && tooMany.stderr.contains("--count must be 1...100"), "\(tooMany.stderr)")
        let noServer = try Command.run(SockeyeProcess.binary.path, ["demo", "tiles", "--url", "http://127.0.0.1:9"])
        #expect(noServer.status == 1 && noServer.stderr.contains("no server answers"), "\(noServer.stderr)")
    }
}
