import HTTPCore
import SockeyeEvents
import SockeyeLog
@testable import SockeyeRemote
import Testing

@Suite("Recording and replay")
struct ReplayTests {
    static let ms: UInt64 = 1_000_000
    /// A pipelined story on connection 1 (/slow, then / waiting behind it) and a 400 on connection 2,
    /// written by the log's own JSON formatter as --record writes it.
    static func recordingBytes() -> [UInt8] {
        let formatter = LogFormatter(format: .json, wallAtStart: 1_000_000 * ms, monotonicAtStart: 0)
        let slowHead = try! RequestHead(parsing: "GET /slow?ms=500 HTTP/1.1\r\nHost: x\r\n\r\n")
        let rootHead = try! RequestHead(parsing: "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        let events: [ServerEvent] = [
            .connectionOpened(connection: 1, peer: "127.0.0.1:5000", at: 0),
            .requestHead(connection: 1, sequence: 1, method: "GET", target: "/slow?ms=500", at: 10 * ms),
            .requestHead(connection: 1, sequence: 2, method: "GET", target: "/", at: 11 * ms),
            .responseStarted(connection: 1, sequence: 1, status: 200, wait: 0, blockedBy: nil, at: 510 * ms),
            .requestCompleted(RequestRecord(connection: 1, sequence: 1, head: slowHead, status: 200, bytesIn: 0, bytesOut: 161,
                                            chunked: false, headAt: 10 * ms, startedAt: 510 * ms, finishedAt: 510 * ms, wait: 0,
                                            blockedBy: nil, peer: "127.0.0.1:5000")),
            .responseStarted(connection: 1, sequence: 2, status: 200, wait: 499 * ms, blockedBy: "/slow?ms=500", at: 511 * ms),
            .requestCompleted(RequestRecord(connection: 1, sequence: 2, head: rootHead, status: 200, bytesIn: 0, bytesOut: 272,
                                            chunked: false, headAt: 11 * ms, startedAt: 510 * ms, finishedAt: 511 * ms, wait: 499 * ms,
                                            blockedBy: "/slow?ms=500", peer: "127.0.0.1:5000")),
            .connectionOpened(connection: 2, peer: "127.0.0.1:5001", at: 600 * ms),
            .requestRejected(connection: 2, status: 400, reason: "whitespace before colon", peer: "127.0.0.1:5001", bytesOut: 0, at: 601 * ms),
            .connectionClosed(connection: 2, reason: .rejected, requests: 0, bytesIn: 30, bytesOut: 120, at: 602 * ms),
            .connectionClosed(connection: 1, reason: .clientClosed, requests: 2, bytesIn: 70, bytesOut: 433, at: 2000 * ms),
        ]
        return Array((events.compactMap(formatter.line).joined(separator: "\n") + "\n").utf8)
    }

    static func recording() throws -> Recording {
        try Recording(bytes: recordingBytes()[...], name: "story.jsonl")
    }

    @Test("every line the JSON log writes reads back as its event, in order")
    func readsTheLogSchema() throws {
        let recording = try Self.recording()
        #expect(recording.events.count == 11 && recording.skippedLines == 0)
        #expect(recording.end - recording.start == 2000 * Self.ms)
        guard case .requestCompleted(let waited) = recording.events[6] else { Issue.record("7th is the waited request"); return }
        #expect(waited.target == "/" && waited.wait == 499 * Self.ms && waited.blockedBy == "/slow?ms=500" && waited.bytesOut == 272)
    }

    @Test("lines that are not events are skipped and counted; a file without any is an error that says how to make one")
    func skipsAndRefuses() throws {
        let bytes = Array("{\"type\":\"listening\",\"url\":\"http://x\"}\nnot json\n".utf8) + Self.recordingBytes()
        #expect(try Recording(bytes: bytes[...], name: "x").skippedLines == 2)
        #expect(throws: Recording.LoadError.self) { try Recording(bytes: Array("garbage\n".utf8)[...], name: "x") }
        #expect(throws: Recording.LoadError.self) { try Recording(path: "/nonexistent/recording.jsonl") }
    }

    @Test("played at 2x: the queue shows while /slow runs, the wait after; the totals are the recording's")
    func playsAtSpeed() throws {
        let now: UInt64 = 5_000 * Self.ms
        let replay = ReplaySource(recording: try Self.recording(), name: "story.jsonl", speed: 2, now: now)
        // 100 ms later at 2x: 200 ms into the recording, /slow runs and / waits behind it.
        let during = replay.snapshot(now: now + 100 * Self.ms)
        let row = try #require(during.connections.first)
        #expect(row.current == "/slow?ms=500" && row.queued.map(\.label) == ["/"], "\(row)")
        #expect(during.requests == 0 && during.identity?.address.hasPrefix("replay story.jsonl 00:00 of 00:02 ×2") == true)
        // 400 ms later at 2x: 800 ms in, both answered, the 400 counted.
        let after = replay.snapshot(now: now + 400 * Self.ms)
        #expect(after.requests == 2 && after.rejected == 1 && after.statusClasses[4] == 1 && after.waitedRequests == 1)
        #expect(after.recentWaits.map(\.target) == ["/"] && after.waitP99 == 499 * Self.ms)
        #expect(after.connections.map(\.state) == [.idle] && after.rejectionsByReason == ["400 whitespace before colon": 1])
        let end = replay.snapshot(now: now + 10_000 * Self.ms)
        #expect(end.connections.isEmpty && end.closeReasons == [.clientClosed: 1, .rejected: 1])
        #expect(end.identity?.address.hasSuffix("ended") == true && end.uptime == 2000 * Self.ms)
    }

    @Test("paused, the clock stands still; n plays one event at a time")
    func pauseAndStep() throws {
        let now: UInt64 = 5_000 * Self.ms
        let replay = ReplaySource(recording: try Self.recording(), name: "story.jsonl", speed: 1, now: now)
        replay.setPaused(true, now: now)
        #expect(replay.snapshot(now: now + 60_000 * Self.ms).connections.isEmpty, "nothing plays while paused")
        #expect(replay.step(now: now), "the first step opens the connection")
        for _ in 0..<2 { #expect(replay.step(now: now)) }
        let stepped = replay.snapshot(now: now + 60_000 * Self.ms)
        #expect(stepped.connections.first?.current == "/slow?ms=500" && stepped.connections.first?.queued.count == 1)
        #expect(replay.step(now: now) && replay.snapshot(now: now).requests == 0, "a step plays one event: /slow started, not completed")
        for _ in 0..<7 { #expect(replay.step(now: now)) }
        #expect(!replay.step(now: now), "nothing after the last event")
        replay.setPaused(false, now: now)
        #expect(replay.snapshot(now: now + Self.ms).requests == 2)
    }
}
