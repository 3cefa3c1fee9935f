import SockeyeEvents
@testable import SockeyeDashboard
import Testing

@Suite("Dashboard reuse and reset")
struct ReuseAndResetTests {
    private let counters = ServerCounters()
    private let table = ConnectionTable()
    private let stats: StatsAggregator

    init() {
        stats = StatsAggregator(counters: counters, table: table, bus: EventBus(), startedAt: 0)
    }

    private func reuseHeading() throws -> String {
        let screen = DashboardRenderer.render(stats.snapshot(now: 5_000_000_000), info: DashboardFixture.info, state: ViewState(),
                                              width: 80, height: 24)
        return try #require(PaneReading(screen, pane: .reuse, focus: .connections)).heading
    }

    @Test("reuse counts closed connections only: open ones that served nothing yet do not pull it down")
    func closedOnly() throws {
        counters.connectionsAccepted.add(6, ordering: .relaxed)
        counters.requests.add(6, ordering: .relaxed)
        for id in UInt64(2)...6 { table.upsert(ConnectionRow(id: id, peer: "127.0.0.1:\(50_000 + id)", openedAt: 0)) }
        counters.countClose(.clientClosed, requests: 3)
        let snapshot = stats.snapshot()
        #expect(snapshot.connectionsClosed == 1 && snapshot.connectionsReused == 1 && snapshot.reuseRatio == 1)
        #expect(try reuseHeading().contains("1 closed, 100% reused"))
        counters.countClose(.idleTimeout, requests: 1)
        counters.countClose(.idleTimeout, requests: 0)
        #expect(try reuseHeading().contains("3 closed, 33% reused"))
    }

    @Test("r resets the reuse heading, histogram and close reasons together")
    func reset() throws {
        counters.countClose(.clientClosed, requests: 2)
        counters.countClose(.clientClosed, requests: 12)
        #expect(try reuseHeading().contains("2 closed, 100% reused"))
        stats.reset()
        let screen = DashboardRenderer.render(stats.snapshot(now: 5_000_000_000), info: DashboardFixture.info, state: ViewState(),
                                              width: 80, height: 24)
        let reuse = try #require(PaneReading(screen, pane: .reuse, focus: .connections))
        #expect(reuse.heading.contains("no connection closed yet"))
        #expect(!screen.text.contains("closed because"))
        #expect(reuse.rows.prefix(2).map(PaneReading.words) == [["1", "req", "0"], ["2", "req", "0"]])
        counters.countClose(.idleTimeout, requests: 1)
        #expect(try reuseHeading().contains("1 closed, 0% reused"))
    }
}
