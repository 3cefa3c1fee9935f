import Foundation
import Testing

/// `/events`: the live stream as JSON lines, in order, with a backlog on request; `/status`.
@Suite("Admin events and status")
struct AdminEventsTests {
    static func objects(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Reads `/events` with curl until `done` holds for what arrived (bounded), then stops it.
    static func read(_ url: String, until done: ([[String: Any]]) -> Bool, while act: () throws -> Void) throws -> [[String: Any]] {
        let reader = try ChildProcess("/usr/bin/curl", ["-sN", "--max-time", "20", url])
        defer {
            reader.signal(SIGTERM)
            _ = reader.wait(timeout: 5)
        }
        usleep(300_000)
        try act()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline && !done(objects(reader.stdout)) { usleep(50_000) }
        return objects(reader.stdout)
    }

    @Test("a pipelined story arrives as JSON lines, in order")
    func pipelinedStory() throws {
        let server = try AdminServer()
        defer { server.process.stop() }
        let events = try Self.read(server.adminURL + "/events", until: { $0.contains { $0["type"] as? String == "connection_closed" } }) {
            let client = try RawClient(port: server.port)
            client.send("GET /slow?ms=200 HTTP/1.1\r\nHost: t\r\n\r\nGET /info HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(client.readResponses(2).count == 2)
        }
        let story = events.map { "\($0["type"] as? String ?? "?")#\($0["request"] as? Int ?? 0)" }
        #expect(story.count == 8)
        #expect(story.first == "connection_opened#0")
        #expect(story.last == "connection_closed#0")
        // The second head may be read before or after the first response starts; the responses
        // go strictly in order, the second only after the first completed.
        let order = ["request_head#1", "response_started#1", "request_completed#1", "response_started#2", "request_completed#2"]
        let positions = order.compactMap { story.firstIndex(of: $0) }
        #expect(positions.count == order.count && positions == positions.sorted(), "\(story)")
        let secondHead = story.firstIndex(of: "request_head#2") ?? .max
        #expect(secondHead > (story.firstIndex(of: "request_head#1") ?? .max) && secondHead < (positions.last ?? 0))
        let waited = events.first { $0["type"] as? String == "request_completed" && $0["request"] as? Int == 2 }
        #expect(waited?["blocked_by"] as? String == "/slow?ms=200")
        #expect(((waited?["wait_ms"] as? Double) ?? 0) >= 150)
        #expect(Set(events.compactMap { $0["connection"] as? Int }).count == 1)
    }

    @Test("?since=N starts with the last N events")
    func backlog() throws {
        let server = try AdminServer()
        defer { server.process.stop() }
        for _ in 0..<2 { #expect(try Command.curl([server.url + "/info"]).status == 0) }
        // Two requests of five events each, on two connections: the last three are the second's end.
        let expected = ["response_started", "request_completed", "connection_closed"]
        var types: [String] = []
        for _ in 0..<40 where types != expected {
            let result = try Command.curl(["-N", "--max-time", "1", server.adminURL + "/events?since=3"])
            types = Self.objects(result.stdout).compactMap { $0["type"] as? String }
            if types != expected { usleep(50_000) }
        }
        #expect(types == expected)
        #expect(try Command.curl(["-o", "/dev/null", "-w", "%{http_code}", server.adminURL + "/events?since=x"]).stdout == "400")
    }

    @Test("a reader that stops reading is cut off with a lagged line; the server goes on")
    func slowReaderCutOff() throws {
        let server = try AdminServer()
        defer { server.process.stop() }
        let reader = try RawClient(port: server.adminPort, timeout: 10, receiveBuffer: 4096)
        reader.send("GET /events HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(200_000)
        // Some 30 MB of event lines (five of about 200 bytes per request) while the reader sleeps:
        // more than its 4 MB allowance and what the sockets' buffers hold. In batches with pauses,
        // so the views' pump (lowest priority) gets the core and delivers them rather than the bus
        // dropping them, as it does when other work saturates the machine.
        let load = try RawClient(port: server.port, timeout: 10)
        for _ in 0..<300 {
            load.send(String(repeating: "GET / HTTP/1.1\r\nHost: t\r\n\r\n", count: 100))
            #expect(load.readResponses(100).count == 100)
            usleep(10_000)
        }
        usleep(300_000)
        reader.setTimeout(2)
        let (bytes, closed) = reader.readAll()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("{\"type\":\"lagged\"}\n"))
        #expect(text.hasSuffix("0\r\n\r\n") || closed, "the stream ends after the lagged line")
        #expect(try Command.curl([server.url + "/"]).status == 0)
    }

    @Test("/status is one JSON snapshot of what the dashboard shows")
    func status() throws {
        let server = try AdminServer()
        defer { server.process.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\nGET /info HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponses(2).count == 2)
        var status: [String: Any] = [:]
        for _ in 0..<40 {
            let body = try Command.curl([server.adminURL + "/status"]).stdout
            status = (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
            let row = (status["open_connections"] as? [[String: Any]])?.first
            if (status["recent_requests"] as? [Any])?.count == 2 && row?["requests"] as? Int == 2 { break }
            usleep(50_000)
        }
        #expect(status["address"] as? String == server.url)
        #expect(status["requests"] as? Int == 2)
        let open = status["open_connections"] as? [[String: Any]] ?? []
        #expect(open.count == 1)
        #expect(open.first?["requests"] as? Int == 2)
        let recent = status["recent_requests"] as? [[String: Any]] ?? []
        #expect(recent.compactMap { $0["target"] as? String } == ["/", "/info"])
        #expect((status["connections"] as? [String: Any])?["open"] as? Int == 1)
    }
}
