import HTTPCore
import SockeyeEvents
@testable import SockeyeDashboard

/// A fixed picture of a server 83 s after its start: a keep-alive pair, a `/slow?ms=1500` that held
/// up two pipelined requests, a chunked response, a 404, a long path, three open connections (one
/// on IPv6, one reading a long target) and three closed ones that served 1, 2 and 3 requests.
enum DashboardFixture {
    static let second: UInt64 = 1_000_000_000
    static let start: UInt64 = 1000 * second
    static let takenAt = start + 83 * second
    static let slowTarget = "/slow?ms=1500"
    static let longPath = "/static/reports/2024/quarterly-summary.pdf"
    static let longQuery = "/api/v1/reports?from=2024-01-01&to=2024-12-31"
    static let info = DashboardInfo(address: "http://127.0.0.1:8080", model: "eventloop", workers: 2)

    /// Every path the fixture shows: a path on screen is one of these, whole or cut with `…`.
    static let targets = ["/", "/info", slowTarget, "/chunked", "/missing", "/echo", longPath, longQuery]

    static func record(_ connection: UInt64, _ sequence: Int, _ method: String, _ target: String, status: Int = 200,
                       bytes: Int = 272, at offset: UInt64, duration: UInt64 = 40_000, wait: UInt64 = 0,
                       blockedBy: String? = nil, chunked: Bool = false) -> RequestRecord {
        let head = try! RequestHead(parsing: "\(method) \(target) HTTP/1.1\r\nHost: x\r\nUser-Agent: curl/7.88.1\r\n\r\n")
        let finishedAt = start + offset
        return RequestRecord(connection: connection, sequence: sequence, head: head, status: status, bytesIn: 0,
                             bytesOut: bytes, chunked: chunked, headAt: finishedAt - duration,
                             startedAt: finishedAt - duration + wait, finishedAt: finishedAt, wait: wait,
                             blockedBy: blockedBy, peer: "127.0.0.1:50000")
    }

    static func snapshot() -> StatsSnapshot {
        var snapshot = StatsSnapshot()
        snapshot.takenAt = takenAt
        snapshot.uptime = 83 * second
        snapshot.connectionsAccepted = 6
        snapshot.connectionsOpen = 3
        snapshot.requests = 9
        snapshot.rejected = 1
        snapshot.bytesIn = 900
        snapshot.bytesOut = 50_000
        snapshot.statusClasses = [0, 0, 8, 0, 1, 0]
        snapshot.requestsPerSecond = [0, 2, 0, 0, 3, 1, 0, 1, 0, 2]
        snapshot.connections = [
            ConnectionRow(id: 3, peer: "127.0.0.1:54252", openedAt: takenAt - 2_300_000_000, state: .handling, requests: 1,
                          bytesIn: 180, bytesOut: 433, current: slowTarget),
            ConnectionRow(id: 4, peer: "[::1]:50200", openedAt: takenAt - 42 * second, state: .idle, requests: 2,
                          bytesIn: 162, bytesOut: 538),
            ConnectionRow(id: 5, peer: "127.0.0.1:54260", openedAt: takenAt - 710_200_000, state: .reading, requests: 0,
                          bytesIn: 95, current: longQuery),
        ]
        snapshot.requestsPerConnection = [0, 1, 1, 1, 0, 0, 0]
        snapshot.closeReasons = [.clientClosed: 2, .idleTimeout: 1]
        let waitedFirst = record(2, 2, "GET", "/", at: 20 * second + 400_000, duration: 1_500_400_000, wait: 1_500_000_000,
                                 blockedBy: slowTarget)
        let waitedSecond = record(2, 3, "GET", "/info", bytes: 266, at: 20 * second + 450_000, duration: 1_500_450_000,
                                  wait: 1_500_400_000, blockedBy: slowTarget)
        snapshot.recentWaits = [waitedFirst, waitedSecond]
        snapshot.waitP50 = 1_500_000_000
        snapshot.waitP99 = 1_500_400_000
        snapshot.waitMax = 1_500_400_000
        snapshot.waitedRequests = 2
        snapshot.recentRequests = [
            record(1, 1, "GET", "/", at: 10 * second),
            record(1, 2, "GET", "/info", bytes: 266, at: 10 * second + 300_000),
            record(2, 1, "GET", slowTarget, bytes: 161, at: 20 * second, duration: 1_500_000_000),
            waitedFirst,
            waitedSecond,
            record(3, 1, "GET", "/chunked", bytes: 420, at: 30 * second, duration: 2_000_000_000, chunked: true),
            record(4, 1, "GET", "/missing", status: 404, bytes: 180, at: 41 * second),
            record(4, 2, "POST", "/echo", bytes: 150, at: 42 * second),
            record(6, 1, "GET", longPath, bytes: 48_213, at: 75 * second, duration: 1_200_000),
        ]
        snapshot.rejectionsByReason = ["400 whitespace before colon": 1]
        return snapshot
    }
}
