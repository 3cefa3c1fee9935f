import Foundation
import SockeyeServer
import Testing

/// The promises that must hold when a client is busy or hostile: the log tells the story in order
/// and loses no line, a pipelining flood is held in bounded memory, a client that stops reading
/// is let go. The real executable, real sockets, on both I/O models.
@Suite("Under load (real executable)")
struct UnderLoadTests {
    static let floodScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/pipeline_flood.py").path

    /// `/slow` and a `Connection: close` request pipelined on one connection, then an HTTP/1.0 one.
    private func tellPipelinedStory(_ server: SockeyeProcess) throws {
        let client = try RawClient(port: server.port)
        client.send("GET /slow?ms=300 HTTP/1.1\r\nHost: x\r\n\r\nGET /info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(client.readAll().closed)
        let old = try RawClient(port: server.port)
        old.send("GET / HTTP/1.0\r\n\r\n")
        #expect(old.readAll().closed)
        usleep(200_000)
        #expect(server.stop() == 0)
    }

    @Test("text log: the pipelined story in the order it happened, `closed` last", arguments: IOModel.allCases)
    func textOrder(model: IOModel) throws {
        let server = try SockeyeProcess(["--ui", "log", "--log-format", "text", "--model", model.rawValue])
        try tellPipelinedStory(server)
        let lines = server.lines.dropFirst()
        let story = lines.filter { $0.hasPrefix("conn#1 ") }
        let expected = ["conn#1 opened from 127.0.0.1:", "conn#1 req#1 GET /slow?ms=300 -> 200 ",
                        "conn#1 req#2 waited ", "conn#1 req#2 GET /info -> 200 ", "conn#1 closed (Connection: close) after 2 requests"]
        #expect(story.count == expected.count, "\(story)")
        for (line, prefix) in zip(story, expected) { #expect(line.hasPrefix(prefix), "\(story)") }
        #expect(story.dropFirst(2).first?.contains("behind /slow?ms=300") == true)
        let old = lines.filter { $0.hasPrefix("conn#2 ") }
        #expect(old.count == 3 && old.last?.hasPrefix("conn#2 closed (HTTP/1.0)") == true, "\(old)")
    }

    @Test("JSON log: each connection's events in order, `ts` never decreasing, `closed` last", arguments: IOModel.allCases)
    func jsonOrder(model: IOModel) throws {
        let server = try SockeyeProcess(["--ui", "log", "--log-format", "json", "--model", model.rawValue])
        try tellPipelinedStory(server)
        let objects = server.lines.dropFirst().compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let first = objects.filter { $0["connection"] as? Int == 1 }
        #expect(first.compactMap { $0["type"] as? String } == [
            "connection_opened", "request_head", "response_started", "request_head", "request_completed",
            "response_started", "request_completed", "connection_closed",
        ])
        #expect(first.compactMap { $0["request"] as? Int } == [1, 1, 2, 1, 2, 2])
        for connection in [1, 2] {
            let times = objects.filter { $0["connection"] as? Int == connection }.compactMap { $0["time_unix_ms"] as? Int }
            #expect(times.count > 2 && times == times.sorted(), "connection \(connection): \(times)")
            #expect(objects.last { $0["connection"] as? Int == connection }?["type"] as? String == "connection_closed")
        }
    }

    @Test("the access log writes a line for every request completed under pipelined load", arguments: IOModel.allCases)
    func losslessLog(model: IOModel) throws {
        ProcessStats.raiseOpenFileLimit()
        let server = try SockeyeProcess(["--ui", "log", "--log-format", "clf", "--model", model.rawValue])
        let flood = try Command.run("python3", [Self.floodScript, "--port", String(server.port), "--connections", "64",
                                                "--requests", "500", "--timeout", "100"], timeout: 120)
        #expect(flood.status == 0, "\(flood.stdout)\(flood.stderr)")
        #expect(flood.stdout.contains("responses 32000/32000"))
        #expect(server.stop() == 0)
        let logged = server.lines.dropFirst()
        #expect(logged.count == 32_000)
        #expect(logged.allSatisfy { $0.contains(#""GET /info HTTP/1.1" 200 "#) })
    }

    @Test("200 connections x 2,500 GETs held behind /slow: bounded memory, every response in order",
          arguments: IOModel.allCases)
    func pipeliningFlood(model: IOModel) throws {
        ProcessStats.raiseOpenFileLimit()
        let server = try SockeyeProcess(["--ui", "none", "--model", model.rawValue])
        defer { server.stop() }
        let flood = try Command.run("python3", [Self.floodScript, "--port", String(server.port), "--connections", "200",
                                                "--requests", "2500", "--slow-ms", "3000", "--pid", String(server.child.pid),
                                                "--timeout", "150"], timeout: 170)
        #expect(flood.status == 0, "\(flood.stdout)\(flood.stderr)")
        #expect(flood.stdout.contains("responses 500200/500200, out of order 0, unexpected closes 0"), "\(flood.stdout)")
        let growth = flood.stdout.split(separator: "growth ").last.flatMap { Int($0.prefix { $0.isNumber }) }
        let kib = try #require(growth, "\(flood.stdout)")
        #expect(kib < 32 * 1024, "RSS grew \(kib) KiB")
    }

    @Test("a client that stops reading is closed after the send timeout: a big file, a pipelined burst",
          arguments: IOModel.allCases)
    func sendTimeout(model: IOModel) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sockeye-send-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(repeating: 0x61, count: 20 << 20).write(to: root.appendingPathComponent("big.bin"))
        let server = try SockeyeProcess(["--ui", "log", "--log-format", "json", "--model", model.rawValue, "--send-timeout", "1",
                                         "--root", root.path])
        defer { server.stop() }
        let pid = server.child.pid
        let baseline = ProcessStats.openDescriptors(pid)
        // The burst's responses (~5 MB) outgrow the socket buffers on both sides.
        let burst = String(repeating: "GET /info HTTP/1.1\r\nHost: x\r\n\r\n", count: 20_000)
        for (index, request) in ["GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n", burst].enumerated() {
            let connection = index + 1
            let client = try RawClient(port: server.port, receiveBuffer: 4096)
            client.setSendTimeout(2)
            client.send(request)
            let deadline = Date().addingTimeInterval(20)
            var events: [[String: Any]] = []
            while Date() < deadline {
                events = server.lines.dropFirst().compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                    .filter { $0["connection"] as? Int == connection }
                if events.last?["type"] as? String == "connection_closed" { break }
                usleep(50_000)
            }
            let closed = try #require(events.last, "connection \(connection) has events")
            #expect(closed["type"] as? String == "connection_closed" && closed["reason"] as? String == "send timeout")
            // The server's writes stop making progress once the buffers are full: right after the last
            // response it completed (or, for the file, right after it opened).
            let lastProgress = try #require(events.last { ["request_completed", "connection_opened"].contains($0["type"] as? String) })
            let stalled = Double((closed["time_unix_ms"] as? Int ?? 0) - (lastProgress["time_unix_ms"] as? Int ?? 0)) / 1000
            #expect(stalled >= 0.95 && stalled < 1 + 1, "connection \(connection) closed \(stalled) s after the last progress (send timeout 1 s)")
            withExtendedLifetime(client) {}
        }
        let settled = Date().addingTimeInterval(3)
        while ProcessStats.openDescriptors(pid) > baseline && Date() < settled { usleep(20_000) }
        #expect(ProcessStats.openDescriptors(pid) == baseline, "descriptors back to where they were")
    }
}
