import SockeyeEvents
import Testing
@testable import SockeyeDashboard

/// The head-of-line queue while it forms: requests waiting behind `/slow` show at once, in the
/// connections pane as a count and in the waits pane as growing rows marked `waiting`.
@Suite("Dashboard live queue")
struct LiveQueueTests {
    private func screen(width: Int, height: Int) -> String {
        var snapshot = DashboardFixture.snapshot()
        let takenAt = DashboardFixture.takenAt
        snapshot.connections[0].queued = [
            QueuedRequest(sequence: 2, label: "/info", since: takenAt - 1_200_000_000),
            QueuedRequest(sequence: 3, label: "/", since: takenAt - 800_000_000),
        ]
        return DashboardRenderer.render(snapshot, info: DashboardFixture.info, state: ViewState(), width: width, height: height).text
    }

    @Test("80x24 and 120x40: the queued count beside /slow, and a live row per waiting request", arguments: [(80, 24), (120, 40)])
    func queueShows(size: (Int, Int)) {
        let text = screen(width: size.0, height: size.1)
        let lines = text.split(separator: "\n").map(String.init)
        // "+2 queued" where it fits; at 80 columns the target is cut to keep "+2" whole.
        if size.0 >= 100 {
            #expect(lines.contains { $0.contains(DashboardFixture.slowTarget + " +2 queued") }, "\(text)")
        } else {
            #expect(lines.contains { $0.contains(" 3 127.0.0.1") && $0.contains("/slow?ms=1… +2 ") }, "\(text)")
        }
        let waiting = lines.filter { $0.contains("waiting behind " + DashboardFixture.slowTarget) }
        #expect(waiting.count == 2, "\(text)")
        #expect(waiting.first?.contains("conn#3 req#2 /info") == true && waiting.first?.contains("1.2s") == true)
        #expect(waiting.last?.contains("conn#3 req#3 /") == true && waiting.last?.contains("800ms") == true)
        let firstWaiting = lines.firstIndex { $0.contains("waiting behind") } ?? .max
        let firstAnswered = lines.firstIndex { $0.contains(" behind ") && !$0.contains("waiting behind") } ?? .max
        #expect(firstWaiting < firstAnswered, "requests still waiting come before those already answered")
    }

    @Test("a long target in a narrow CURRENT column is cut; the queued count stays whole")
    func narrowKeepsCount() {
        var snapshot = DashboardFixture.snapshot()
        snapshot.connections[0].current = "/slow?ms=1500&padding=" + String(repeating: "x", count: 60)
        snapshot.connections[0].queued = [QueuedRequest(sequence: 2, label: "/info", since: DashboardFixture.takenAt)]
        let text = DashboardRenderer.render(snapshot, info: DashboardFixture.info, state: ViewState(), width: 80, height: 24).text
        #expect(text.contains("… +1"), "\(text)")
    }
}
