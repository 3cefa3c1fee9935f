import Foundation
import HTTPCore
import SockeyeEvents
import SockeyeLog
import Testing

@Suite("Log formats")
struct LogFormatterTests {
    // 2026-11-26 19:00:00 UTC at monotonic time 1 s.
    let formatter = { (format: LogFormat) in
        LogFormatter(format: format, wallAtStart: 1_795_719_600_000_000_000, monotonicAtStart: 1_000_000_000)
    }

    func record(target: String = "/info", agent: String? = "curl/7.88.1", wait: UInt64 = 0) throws -> RequestRecord {
        let head = try RequestHead(parsing: "GET \(target) HTTP/1.1\r\nHost: x\r\n" + (agent.map { "User-Agent: \($0)\r\n" } ?? "") + "\r\n")
        return RequestRecord(connection: 7, sequence: 2, head: head, status: 200, bytesIn: 0, bytesOut: 143, chunked: false,
                             headAt: 2_000_000_000, startedAt: 2_000_000_000, finishedAt: 2_000_200_000, wait: wait,
                             blockedBy: wait > 0 ? "/slow" : nil, peer: "127.0.0.1:5555")
    }

    @Test("text: one human line per request")
    func text() throws {
        let line = formatter(.text).line(for: .requestCompleted(try record(wait: 2_900_000_000)))
        #expect(line == "conn#7 req#2 GET /info -> 200 143B 200µs wait 2.9s")
    }

    @Test("Combined Log Format line")
    func combined() throws {
        let line = formatter(.clf).line(for: .requestCompleted(try record()))
        #expect(line == #"127.0.0.1 - - [26/Nov/2026:19:00:01 +0000] "GET /info HTTP/1.1" 200 143 "-" "curl/7.88.1""#)
        #expect(formatter(.clf).line(for: .connectionOpened(connection: 1, peer: "p", at: 0)) == nil)
    }

    @Test("client text cannot drive a terminal or break a log line")
    func escaping() throws {
        // What the parser lets through: quotes and backslashes in a target, obs-text (here the C1
        // control CSI, U+009B, as UTF-8) in a field value.
        let hostile = formatter(.clf).line(for: .requestCompleted(try record(target: #"/a"b\c"#, agent: "evil\" \u{9B}2J")))!
        #expect(!hostile.unicodeScalars.contains { $0.value == 0x9B })
        #expect(hostile.contains(#"/a\x22b\x5cc"#))
        #expect(hostile.contains(#""evil\x22 \xc2\x9b2J""#))
    }

    @Test("JSON lines parse and carry a type")
    func json() throws {
        let events: [ServerEvent] = [
            .connectionOpened(connection: 7, peer: "127.0.0.1:5555", at: 1_500_000_000),
            .requestCompleted(try record(wait: 5_000_000)),
            .requestRejected(connection: 8, status: 431, reason: "header section too large", peer: "x", bytesOut: 0, at: 3_000_000_000),
            .connectionClosed(connection: 7, reason: .idleTimeout, requests: 2, bytesIn: 10, bytesOut: 20, at: 4_000_000_000),
        ]
        let objects = try events.map { event -> [String: Any] in
            let line = try #require(formatter(.json).line(for: event))
            return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["type"] as? String } == ["connection_opened", "request_completed", "request_rejected", "connection_closed"])
        #expect(objects[1]["wait_ms"] as? Double == 5.0)
        #expect(objects[1]["blocked_by"] as? String == "/slow")
        #expect(objects[2]["status"] as? Int == 431)
        #expect(objects[3]["reason"] as? String == "idle timeout")
    }

    @Test("a JSON line's exact bytes: members in schema order, client text quoted")
    func jsonGolden() throws {
        let line = formatter(.json).line(for: .requestCompleted(try record(target: "/a\"b", wait: 5_000_000)))
        #expect(line == #"{"type":"request_completed","time_unix_ms":1795719601000,"connection":7,"request":2,"#
            + #""method":"GET","target":"/a\"b","version":"HTTP/1.1","status":200,"bytes_in":0,"bytes_out":143,"#
            + #""chunked":false,"duration_ms":0.2,"wait_ms":5.0,"blocked_by":"/slow","peer":"127.0.0.1:5555"}"#)
    }

    @Test("the first line is `listening on URL` in text and CLF, a `listening` object in JSON")
    func listeningLine() throws {
        let url = "http://127.0.0.1:8080"
        #expect(formatter(.text).listeningLine(url: url) == "listening on http://127.0.0.1:8080")
        #expect(formatter(.clf).listeningLine(url: url) == "listening on http://127.0.0.1:8080")
        let line = formatter(.json).listeningLine(url: url, at: 2_000_000_000)
        #expect(line == #"{"type":"listening","time_unix_ms":1795719601000,"url":"http://127.0.0.1:8080"}"#)
    }

    @Test("the JSON log ends with a `shutdown` object; text and CLF have no such line")
    func shutdownLine() throws {
        let line = try #require(formatter(.json).shutdownLine(signal: "SIGTERM", connectionsAccepted: 3, requestsServed: 5,
                                                              at: 2_000_000_000))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["type"] as? String == "shutdown")
        #expect(object["time_unix_ms"] as? Int == 1_795_719_601_000)
        #expect(object["signal"] as? String == "SIGTERM")
        #expect(object["connections"] as? Int == 3)
        #expect(object["requests"] as? Int == 5)
        #expect(formatter(.text).shutdownLine(signal: "SIGTERM", connectionsAccepted: 3, requestsServed: 5) == nil)
        #expect(formatter(.clf).shutdownLine(signal: "SIGINT", connectionsAccepted: 3, requestsServed: 5) == nil)
    }

    @Test("a rejected request gets a Combined Log Format line, as nginx writes one")
    func combinedRejection() throws {
        let event = ServerEvent.requestRejected(connection: 3, status: 400, reason: "missing Host", peer: "[::1]:4000",
                                                bytesOut: 157, at: 2_000_000_000)
        let line = try #require(formatter(.clf).line(for: event))
        #expect(line.hasPrefix("::1 - - ["))
        #expect(line.hasSuffix(#"] "-" 400 157 "-" "-""#))
        #expect(formatter(.clf).line(for: .connectionOpened(connection: 3, peer: "x", at: 1)) == nil)
    }
}
