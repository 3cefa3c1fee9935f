import HTTPCore
import SockeyeEvents
@testable import SockeyeDashboard
import Testing

/// `sockeye top` with several servers: a line per server under the header, rows tagged with it.
@Suite("Dashboard fleet view")
struct FleetViewTests {
    /// The fixture as two servers: `a` serves it, `b` has one open connection with the same id as
    /// one of `a`'s, one request of its own, and `c` is down.
    static func fleetSnapshot() -> StatsSnapshot {
        var snapshot = DashboardFixture.snapshot()
        let takenAt = DashboardFixture.takenAt
        snapshot.identity = ServerIdentity(address: "fleet of 3, 2 up", model: "", workers: 0)
        snapshot.instances = [
            InstanceStatus(tag: "a", endpoint: "http://127.0.0.1:9090", address: "http://127.0.0.1:8080", isUp: true,
                           requestsPerSecond: 2, connectionsOpen: 3, waitP99: 1_500_400_000, errors: 1),
            InstanceStatus(tag: "b", endpoint: "http://127.0.0.1:9091", address: "http://127.0.0.1:8081", isUp: true,
                           requestsPerSecond: 1, connectionsOpen: 1, errors: 0),
            InstanceStatus(tag: "c", endpoint: "http://10.0.0.7:9090", isUp: false, problem: "connection refused",
                           retryAt: takenAt + 4 * DashboardFixture.second),
        ]
        snapshot.connections.append(ConnectionRow(id: 3, peer: "127.0.0.1:61000", openedAt: takenAt - 5 * DashboardFixture.second,
                                                  state: .idle, requests: 1, bytesIn: 80, bytesOut: 300, instance: 1))
        snapshot.recentRequests.append(RequestRecord(
            connection: 3, sequence: 1, method: "GET", target: "/from-b", version: .http11, status: 200, bytesIn: 0, bytesOut: 300,
            chunked: false, headAt: takenAt - 2_000_000_000, startedAt: takenAt - 2_000_000_000, finishedAt: takenAt - 1_999_000_000,
            wait: 0, blockedBy: nil, peer: "127.0.0.1:61000", instance: 1))
        return snapshot
    }

    private func render(_ snapshot: StatsSnapshot, _ width: Int, _ height: Int, state: ViewState = ViewState()) -> Screen {
        DashboardRenderer.render(snapshot, info: DashboardFixture.info, state: state, width: width, height: height)
    }

    @Test("80x24: a line per server (up with its figures, down with why and when it is retried), tagged rows")
    func fleetAt80x24() throws {
        let screen = render(Self.fleetSnapshot(), 80, 24)
        try compareWithGolden(screen.text, name: "fleet-80x24")
        let lines = screen.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].contains("fleet of 3, 2 up") && !lines[0].contains("×"), "a fleet has no one model: \(lines[0])")
        #expect(lines[2].hasPrefix(" a http://127.0.0.1:8080") && lines[2].contains("up") && lines[2].contains("p99 wait 1.5s"))
        #expect(lines[3].contains("b http://127.0.0.1:8081") && lines[3].contains("1 req/s"))
        #expect(lines[4].contains("c http://10.0.0.7:9090") && lines[4].contains("DOWN")
                && lines[4].contains("connection refused, retry in 4s"), "\(lines[4])")
        let connections = try #require(PaneReading(screen, pane: .connections, focus: .connections, fleetLines: 3))
        let ids = connections.rows.compactMap { PaneReading.words($0).first?.trimmingCharacters(in: ["▸"]) }
        #expect(ids.contains("a:3") && ids.contains("b:3"), "the same id on two servers is told apart: \(ids)")
        let recent = try #require(PaneReading(screen, pane: .recent, focus: .connections, fleetLines: 3))
        #expect(recent.rows.first.map { PaneReading.words($0).contains("b:3") && $0.contains("/from-b") } == true,
                "the newest request is b's, tagged: \(recent.rows.first ?? "")")
    }

    @Test("the timeline of a tagged connection shows only that server's requests")
    func timelineKeepsItsServer() throws {
        var state = ViewState()
        let snapshot = Self.fleetSnapshot()
        state.selectedConnection = ConnectionsPane.sorted(snapshot.connections, by: .id).firstIndex { $0.instance == 1 }!
        state.toggleTimeline(in: snapshot)
        #expect(state.timeline == 3 && state.timelineInstance == 1)
        let text = render(snapshot, 80, 24, state: state).text
        #expect(text.contains("Connection #b:3") && text.contains("/from-b") && !text.contains(DashboardFixture.slowTarget),
                "b:3's timeline holds b's request only")
    }

    @Test("one server, or none in the fleet yet: no fleet lines, the panes start under the header")
    func oneServerHasNoFleetLine() {
        var snapshot = DashboardFixture.snapshot()
        snapshot.instances = [InstanceStatus(tag: "a", endpoint: "http://127.0.0.1:9090", isUp: true)]
        #expect(render(snapshot, 80, 24).text == render(DashboardFixture.snapshot(), 80, 24).text)
    }
}

@Suite("Dashboard HTTP/2 connections")
struct HTTP2ConnectionViewTests {
    @Test("an HTTP/2 connection: h2 in PROTO, its streams in flight as current, and a line in the waits pane saying none waits")
    func multiplexedRow() throws {
        var snapshot = DashboardFixture.snapshot()
        snapshot.connections.append(ConnectionRow(
            id: 9, peer: "127.0.0.1:60000", openedAt: DashboardFixture.takenAt - DashboardFixture.second, state: .handling,
            requests: 1, current: "/slow?ms=1500 /info", protocolName: .http2, openStreams: 2))
        let screen = DashboardRenderer.render(snapshot, info: DashboardFixture.info, state: ViewState(), width: 120, height: 40)
        let connections = try #require(PaneReading(screen, pane: .connections, focus: .connections))
        let row = try #require(connections.rows.first { PaneReading.words($0).first == "9" }, "\(connections.rows)")
        #expect(PaneReading.words(row).contains("h2") && row.contains("2 streams: /slow?ms=1500"), "\(row)")
        #expect(connections.rows.filter { PaneReading.words($0).contains("h1") }.count == 3)
        let waits = try #require(PaneReading(screen, pane: .waits, focus: .connections))
        #expect(waits.lines.contains { $0.contains("conn#9 h2 2 streams at once") && $0.contains("none waits") }, "\(waits.lines)")
    }
}

@Suite("Dashboard frames view")
struct FramesViewTests {
    static func snapshot() -> StatsSnapshot {
        var snapshot = DashboardFixture.snapshot()
        let start = DashboardFixture.takenAt - 2 * DashboardFixture.second
        snapshot.connections.append(ConnectionRow(id: 9, peer: "127.0.0.1:60000", openedAt: start, state: .handling,
                                                  requests: 1, current: "/slow?ms=1500", protocolName: .http2, openStreams: 1))
        snapshot.frames[9] = [
            FrameRecord(at: start, sent: true, type: 0x4, flags: 0, stream: 0, length: 24),
            FrameRecord(at: start, sent: false, type: 0x4, flags: 0, stream: 0, length: 12),
            FrameRecord(at: start + 1_000_000, sent: false, type: 0x1, flags: 0x25, stream: 13, length: 50),
            FrameRecord(at: start + 1_000_000, sent: false, type: 0x1, flags: 0x05, stream: 15, length: 17),
            FrameRecord(at: start + 8_000_000, sent: true, type: 0x1, flags: 0x04, stream: 15, length: 53),
            FrameRecord(at: start + 8_000_000, sent: true, type: 0x0, flags: 0x01, stream: 15, length: 127),
            FrameRecord(at: start + 1_502_000_000, sent: true, type: 0x7, flags: 0, stream: 0, length: 8),
        ]
        return snapshot
    }

    @Test("f on an HTTP/2 connection lists its frames like nghttp -v: time, direction, type, stream, length, flags; Esc returns")
    func frames() throws {
        let snapshot = Self.snapshot()
        var state = ViewState()
        state.selectedConnection = ConnectionsPane.sorted(snapshot.connections, by: .id).firstIndex { $0.id == 9 }!
        state.toggleFrames(in: snapshot)
        #expect(state.frames == 9)
        let lines = DashboardRenderer.render(snapshot, info: DashboardFixture.info, state: state, width: 100, height: 24).text
            .split(separator: "\n").map(String.init)
        #expect(lines[2].contains("Frames of connection #9") && lines[2].contains("7 kept"))
        #expect(lines[3].hasPrefix(" [   0.000] send SETTINGS      stream=0     length=24"), "\(lines[3])")
        #expect(lines[5].contains("recv HEADERS       stream=13    length=50      END_STREAM | END_HEADERS | PRIORITY"))
        #expect(lines[8].contains("[   0.008] send DATA          stream=15    length=127     END_STREAM"), "\(lines[8])")
        #expect(lines[9].contains("[   1.502] send GOAWAY"), "\(lines[9])")
        KeyCommand.apply(.back, to: &state)
        #expect(state.frames == nil)
    }

    @Test("an HTTP/1.1 connection has no frames: the view says to use the timeline")
    func http1() {
        var state = ViewState()
        state.frames = 3
        let text = DashboardRenderer.render(Self.snapshot(), info: DashboardFixture.info, state: state, width: 100, height: 24).text
        #expect(text.contains("an HTTP/1.1 connection has no frames: Enter shows its timeline"))
    }
}
