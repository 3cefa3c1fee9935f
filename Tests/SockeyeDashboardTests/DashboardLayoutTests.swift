import Foundation
import HTTPCore
import SockeyeEvents
@testable import SockeyeDashboard
import Testing

/// A fixed picture of a server: a keep-alive pair, a /slow that held up a pipelined request,
/// a chunked response and a rejection.
func fixtureSnapshot() -> StatsSnapshot {
    let second: UInt64 = 1_000_000_000
    let start: UInt64 = 1000 * second
    func record(_ connection: UInt64, _ sequence: Int, _ method: String, _ target: String, status: Int = 200, bytes: Int = 272,
                at offset: UInt64, duration: UInt64 = 40_000, wait: UInt64 = 0, blockedBy: String? = nil, chunked: Bool = false) -> RequestRecord {
        let head = try! RequestHead(parsing: "\(method) \(target) HTTP/1.1\r\nHost: x\r\nUser-Agent: curl/7.88.1\r\n\r\n")
        return RequestRecord(connection: connection, sequence: sequence, head: head, status: status, bytesIn: 0,
                             bytesOut: bytes, chunked: chunked, headAt: start + offset - duration,
                             startedAt: start + offset - duration + wait, finishedAt: start + offset, wait: wait,
                             blockedBy: blockedBy, peer: "127.0.0.1:50000")
    }
    var snapshot = StatsSnapshot()
    snapshot.takenAt = start + 83 * second
    snapshot.uptime = 83 * second
    snapshot.connectionsAccepted = 4
    snapshot.connectionsOpen = 2
    snapshot.requests = 7
    snapshot.rejected = 1
    snapshot.bytesIn = 900
    snapshot.bytesOut = 2400
    snapshot.statusClasses = [0, 0, 6, 0, 1, 0]
    snapshot.requestsPerSecond = [0, 2, 0, 0, 3, 1, 0, 1]
    snapshot.connections = [
        ConnectionRow(id: 3, peer: "127.0.0.1:50112", openedAt: start + 80 * second, state: .handling, requests: 1,
                      bytesIn: 180, bytesOut: 433, current: "/slow?ms=3000"),
        ConnectionRow(id: 4, peer: "[::1]:50200", openedAt: start + 82 * second, state: .idle, requests: 2,
                      bytesIn: 162, bytesOut: 538, current: nil),
    ]
    snapshot.requestsPerConnection = [0, 1, 1, 0, 0, 0, 0]
    snapshot.closeReasons = [.clientClosed: 1, .idleTimeout: 1]
    let waited = record(2, 2, "GET", "/", at: 20 * second, duration: 2_901_000_000, wait: 2_900_000_000, blockedBy: "/slow")
    snapshot.recentWaits = [waited]
    snapshot.waitP50 = 2_900_000_000
    snapshot.waitP99 = 2_900_000_000
    snapshot.waitMax = 2_900_000_000
    snapshot.waitedRequests = 1
    snapshot.recentRequests = [
        record(1, 1, "GET", "/", at: 10 * second),
        record(1, 2, "GET", "/info", bytes: 266, at: 10 * second + 300_000),
        record(2, 1, "GET", "/slow", bytes: 161, at: 20 * second, duration: 3_000_000_000),
        waited,
        record(3, 1, "GET", "/chunked", bytes: 420, at: 30 * second, duration: 2_000_000_000, chunked: true),
        record(4, 1, "GET", "/missing", status: 404, bytes: 180, at: 40 * second),
        record(4, 2, "POST", "/echo", bytes: 150, at: 41 * second),
    ]
    snapshot.rejectionsByReason = ["400 whitespace before colon": 1]
    return snapshot
}

let fixtureInfo = DashboardInfo(address: "http://127.0.0.1:8080", model: "eventloop", workers: 2)

@Suite("Dashboard layout")
struct DashboardLayoutTests {
    @Test("renders the expected grid", arguments: [(80, 24), (120, 40), (40, 10)])
    func golden(width: Int, height: Int) throws {
        let screen = DashboardRenderer.render(fixtureSnapshot(), info: fixtureInfo, state: ViewState(), width: width, height: height)
        try compareWithGolden(screen.text, name: "dashboard-\(width)x\(height)")
    }

    @Test("an HTTPS server shows each connection's TLS version and handshake time, and the TLS totals")
    func tlsColumns() throws {
        var snapshot = fixtureSnapshot()
        snapshot.connections[0].tlsVersion = "TLSv1.3"
        snapshot.connections[0].handshakeTime = 2_400_000
        snapshot.connections[1].state = .handshake
        snapshot.tlsHandshakes = 3
        snapshot.tlsFailures = 1
        let info = DashboardInfo(address: "https://127.0.0.1:8443", model: "eventloop", workers: 2)
        let screen = DashboardRenderer.render(snapshot, info: info, state: ViewState(), width: 100, height: 24)
        try compareWithGolden(screen.text, name: "dashboard-tls-100x24")
        #expect(screen.text.contains("TLS 3 ok 1 failed"))
        #expect(screen.text.contains("1.3 2.4ms"))
        #expect(screen.text.contains("handshake -"))
        #expect(screen.text.contains("STATE     TLS"))
        let plain = DashboardRenderer.render(snapshot, info: fixtureInfo, state: ViewState(), width: 100, height: 24)
        #expect(!plain.text.contains("TLS"), "a plain HTTP server shows no TLS column")
    }

    @Test("help overlay, pause marker and focus are drawn, not only coloured")
    func overlayAndPause() throws {
        var state = ViewState()
        KeyCommand.apply(.togglePause, to: &state)
        KeyCommand.apply(.focusNext, to: &state)
        KeyCommand.apply(.toggleHelp, to: &state)
        let screen = DashboardRenderer.render(fixtureSnapshot(), info: fixtureInfo, state: state, width: 80, height: 24)
        try compareWithGolden(screen.text, name: "dashboard-80x24-help-paused")
        #expect(screen.text.contains("PAUSED"))
        #expect(screen.text.contains("▶ Keep-alive reuse"))
    }

    @Test("every screen cell stays inside the grid at odd sizes")
    func oddSizes() {
        for (width, height) in [(0, 0), (1, 1), (19, 5), (20, 6), (69, 19), (70, 20), (300, 100)] {
            let screen = DashboardRenderer.render(fixtureSnapshot(), info: fixtureInfo, state: ViewState(), width: width, height: height)
            #expect(screen.text.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count == width } || height == 0)
        }
    }

    @Test("keys move focus, scroll, sort and pause")
    func keys() {
        var state = ViewState()
        KeyCommand.apply(.focusPrevious, to: &state)
        #expect(state.focus == .recent)
        KeyCommand.apply(.scrollDown, to: &state)
        KeyCommand.apply(.scrollDown, to: &state)
        KeyCommand.apply(.scrollUp, to: &state)
        #expect(state.scrollOffset(.recent) == 1)
        KeyCommand.apply(.cycleSort, to: &state)
        #expect(state.sort == .age)
        let unscrolled = DashboardRenderer.render(fixtureSnapshot(), info: fixtureInfo, state: ViewState(), width: 80, height: 21)
        let scrolled = DashboardRenderer.render(fixtureSnapshot(), info: fixtureInfo, state: state, width: 80, height: 21)
        #expect(unscrolled.text.contains("/echo"))
        #expect(!scrolled.text.contains("/echo"), "the newest request scrolled out of view")
    }

    @Test("statuses carry a style class as well as their number")
    func statusStyles() throws {
        let screen = DashboardRenderer.render(fixtureSnapshot(), info: fixtureInfo, state: ViewState(), width: 120, height: 40)
        let lines = screen.text.split(separator: "\n", omittingEmptySubsequences: false)
        let row = lines.firstIndex { $0.contains("/missing") }!
        let characters = Array(lines[row])
        let column = try #require((0..<characters.count - 3).first { String(characters[$0..<$0 + 3]) == "404" })
        #expect(screen.style(x: column, y: row) == .status4xx)
    }
}

/// Compares with Tests/SockeyeDashboardTests/Golden/NAME.txt; SOCKEYE_UPDATE_GOLDEN=1 rewrites it.
func compareWithGolden(_ text: String, name: String) throws {
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name).txt")
    if ProcessInfo.processInfo.environment["SOCKEYE_UPDATE_GOLDEN"] == "1" {
        try (text + "\n").write(to: source, atomically: true, encoding: .utf8)
        return
    }
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Golden"))
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(text + "\n" == expected, "rendered \(name) differs from its golden file; SOCKEYE_UPDATE_GOLDEN=1 swift test rewrites it")
}
