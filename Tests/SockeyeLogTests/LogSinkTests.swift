import Foundation
import HTTPCore
import SockeyeEvents
import SockeyeLog
import Testing

@Suite("Log sink")
struct LogSinkTests {
    // 2026-11-26 19:00:00 UTC at monotonic time 1 s.
    let formatter = LogFormatter(format: .clf, wallAtStart: 1_795_719_600_000_000_000, monotonicAtStart: 1_000_000_000)

    private func completed(peer: String, at finishedAt: UInt64, target: String) throws -> ServerEvent {
        let head = try RequestHead(parsing: "GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
        return .requestCompleted(RequestRecord(
            connection: 1, sequence: 1, head: head, status: 200, bytesIn: 0, bytesOut: 143, chunked: false,
            headAt: finishedAt, startedAt: finishedAt, finishedAt: finishedAt, wait: 0, blockedBy: nil, peer: peer))
    }

    /// Everything `sink` writes for `events`, read back from a pipe.
    private func written(by sink: (Int32) -> LogSink, for events: [ServerEvent]) throws -> String {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        sink(ends[1]).consume(events.span)
        close(ends[1])
        return String(decoding: FileHandle(fileDescriptor: ends[0]).readDataToEndOfFile(), as: UTF8.self)
    }

    @Test("one batch's lines each name their own peer and second, as a line formatted alone does")
    func peersAndSecondsInOneBatch() throws {
        // Same peer twice, another host, the first host from another port, the next second, IPv6,
        // and a rejection between completed requests.
        let events: [ServerEvent] = [
            try completed(peer: "127.0.0.1:5555", at: 2_000_000_000, target: "/a"),
            try completed(peer: "127.0.0.1:5555", at: 2_100_000_000, target: "/b"),
            try completed(peer: "10.20.30.40:41000", at: 2_200_000_000, target: "/c"),
            try completed(peer: "127.0.0.1:6000", at: 2_300_000_000, target: "/d"),
            try completed(peer: "127.0.0.1:6000", at: 3_000_000_000, target: "/e"),
            .requestRejected(connection: 2, status: 400, reason: "bad", peer: "192.168.100.200:50000", bytesOut: 90,
                             at: 3_100_000_000),
            try completed(peer: "[::1]:7000", at: 3_200_000_000, target: "/f"),
            try completed(peer: "[::1]:7000", at: 4_500_000_000, target: "/g"),
        ]
        let expected = events.compactMap { formatter.line(for: $0) }.map { $0 + "\n" }.joined()
        #expect(try written(by: { LogSink(formatter: formatter, fd: $0) }, for: events) == expected)
        #expect(expected.contains(#"10.20.30.40 - - [26/Nov/2026:19:00:01 +0000] "GET /c HTTP/1.1""#))
        #expect(expected.contains(#"127.0.0.1 - - [26/Nov/2026:19:00:02 +0000] "GET /e HTTP/1.1""#))
        #expect(expected.contains(#"::1 - - [26/Nov/2026:19:00:03 +0000] "GET /g HTTP/1.1""#))
    }
}
