import SockeyeEvents
@testable import SockeyeDashboard
import Testing

/// Enter on a connection: its requests as a waterfall on one time axis, `░` waiting, `█` answered.
@Suite("Dashboard connection timeline")
struct TimelineTests {
    /// The fixture with connection #2 still open (idle after its three requests), first in id order.
    static func snapshotWithConnection2() -> StatsSnapshot {
        var snapshot = DashboardFixture.snapshot()
        let row = ConnectionRow(id: 2, peer: "127.0.0.1:50000", openedAt: DashboardFixture.start + 18 * DashboardFixture.second,
                                requests: 3, bytesIn: 240, bytesOut: 699)
        snapshot.connections.insert(row, at: 0)
        return snapshot
    }

    static func render(_ snapshot: StatsSnapshot, _ state: ViewState, width: Int = 80, height: Int = 24) -> [String] {
        DashboardRenderer.render(snapshot, info: DashboardFixture.info, state: state, width: width, height: height)
            .text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test("80x24: connection #2's /slow and the two requests that waited behind it")
    func connection2() throws {
        let snapshot = Self.snapshotWithConnection2()
        var state = ViewState()
        state.toggleTimeline(in: snapshot)
        #expect(state.timeline == 2)
        let lines = Self.render(snapshot, state)
        try compareWithGolden(lines.joined(separator: "\n"), name: "timeline-80x24")
        #expect(lines[2].contains("Connection #2  127.0.0.1:50000  3 requests  (Esc back)"), "\(lines[2])")
        let slow = try #require(lines.first { $0.contains("req#1 GET " + DashboardFixture.slowTarget) })
        #expect(slow.contains("█") && !slow.contains("░"), "/slow did not wait: \(slow)")
        for label in ["req#2 GET / ", "req#3 GET /info"] {
            let row = try #require(lines.first { $0.contains(label) })
            let wait = try #require(row.firstIndex(of: "░"))
            let answer = try #require(row.firstIndex(of: "█"))
            #expect(wait < answer, "waited, then answered: \(row)")
            #expect(PaneReading.words(row).contains("1.5s"), "the wait whole: \(row)")
            #expect(PaneReading.words(row).contains("200"), "\(row)")
        }
    }

    @Test("the queue behind the current request: a growing █ for it, `░` rows marked waiting")
    func queuedAreWaiting() throws {
        var snapshot = DashboardFixture.snapshot()
        let takenAt = DashboardFixture.takenAt
        snapshot.connections[0].queued = [
            QueuedRequest(sequence: 2, label: "/info", since: takenAt - 1_200_000_000),
            QueuedRequest(sequence: 3, label: "/", since: takenAt - 800_000_000),
        ]
        var state = ViewState()
        state.timeline = 3
        let lines = Self.render(snapshot, state)
        let current = try #require(lines.first { $0.contains("req#2 " + DashboardFixture.slowTarget) })
        #expect(current.contains("█") && current.contains("handling"), "\(current)")
        let waiting = lines.filter { PaneReading.words($0).last == "waiting" }
        #expect(waiting.count == 2, "\(lines.joined(separator: "\n"))")
        #expect(waiting.first?.contains("req#2 /info") == true && waiting.first?.contains("1.2s") == true)
        #expect(waiting.last?.contains("req#3 /") == true && waiting.last?.contains("800ms") == true)
        #expect(waiting.allSatisfy { $0.contains("░") && !$0.contains("█") })
    }

    @Test("keys: ↓ moves the cursor, Enter opens the selected connection's timeline, Esc and Enter return")
    func keys() {
        #expect(CursesTerminal.command(for: 10) == .toggleTimeline)
        #expect(CursesTerminal.command(for: 27) == .back)
        let snapshot = DashboardFixture.snapshot()
        var state = ViewState()
        KeyCommand.apply(.scrollDown, to: &state)
        #expect(state.selectedConnection == 1)
        let cursor = Self.render(snapshot, state).first { $0.hasPrefix("▸") }
        #expect(cursor?.contains("[::1]:50200") == true, "the cursor on the second connection: \(cursor ?? "none")")
        state.toggleTimeline(in: snapshot)
        #expect(state.timeline == 4)
        #expect(Self.render(snapshot, state)[2].contains("Connection #4  [::1]:50200  2 requests"))
        KeyCommand.apply(.back, to: &state)
        #expect(state.timeline == nil)
        state.toggleTimeline(in: snapshot)
        state.toggleTimeline(in: snapshot)
        #expect(state.timeline == nil, "Enter again returns")
    }

    @Test("the cursor stays on a row as connections close; Enter elsewhere than the connections pane does nothing")
    func cursorBounds() {
        let snapshot = DashboardFixture.snapshot()
        var state = ViewState()
        for _ in 0..<5 { KeyCommand.apply(.scrollDown, to: &state) }
        state.clampSelection(connectionCount: snapshot.connections.count)
        #expect(state.selectedConnection == 2)
        KeyCommand.apply(.focusNext, to: &state)
        state.toggleTimeline(in: snapshot)
        #expect(state.timeline == nil)
    }
}
