import HTTPCore
import SockeyeEvents
import Testing

@Suite("Statistics")
struct StatsAggregatorTests {
    private func record(connection: UInt64, sequence: Int, target: String, wait: UInt64, blockedBy: String? = nil) -> RequestRecord {
        RequestRecord(connection: connection, sequence: sequence, head: try! RequestHead(parsing: "GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n"),
                      status: 200, bytesIn: 0, bytesOut: 100, chunked: false, headAt: 1, startedAt: 2, finishedAt: 3,
                      wait: wait, blockedBy: blockedBy, peer: "127.0.0.1:1")
    }

    @Test("waits, reuse histogram, close reasons and rejections")
    func aggregates() {
        let counters = ServerCounters()
        let table = ConnectionTable()
        let bus = EventBus()
        let stats = StatsAggregator(counters: counters, table: table, bus: bus)
        counters.connectionsAccepted.add(2, ordering: .relaxed)
        counters.requests.add(5, ordering: .relaxed)
        var events: [ServerEvent] = []
        for index in 1...100 {
            events.append(.requestCompleted(record(connection: 1, sequence: index, target: "/", wait: UInt64(index) * 1_000_000,
                                                   blockedBy: "/slow")))
        }
        events.append(.requestCompleted(record(connection: 2, sequence: 1, target: "/fast", wait: 0)))
        stats.consume(events)
        // Counts come from the producers' counters, not from the (possibly sampled) events.
        counters.waitedRequests.add(100, ordering: .relaxed)
        counters.countClose(.idleTimeout, requests: 4)
        counters.countClose(.clientClosed, requests: 1)
        counters.countRejection(status: 408, reason: "header timeout")
        table.upsert(ConnectionRow(id: 9, peer: "127.0.0.1:2", openedAt: 0, state: .writing, requests: 3))

        let snapshot = stats.snapshot()
        #expect(snapshot.waitedRequests == 100)
        #expect(snapshot.waitP50 == 50_000_000)
        #expect(snapshot.waitP99 == 99_000_000)
        #expect(snapshot.waitMax == 100_000_000)
        #expect(snapshot.recentWaits.last?.blockedBy == "/slow")
        #expect(snapshot.recentRequests.count == 101)
        #expect(snapshot.requestsPerConnection == [0, 1, 0, 1, 0, 0, 0])
        #expect(snapshot.closeReasons[.idleTimeout] == 1)
        #expect(snapshot.rejectionsByReason["408 header timeout"] == 1)
        #expect(snapshot.reuseRatio == 0.5, "of the 2 closed connections, 1 served more than one request")
        #expect(snapshot.connections.map(\.id) == [9])
        stats.reset()
        #expect(stats.snapshot().recentRequests.isEmpty)
        #expect(stats.snapshot().requests == 5, "exact totals survive a reset")
        counters.countClose(.idleTimeout, requests: 2)
        let afterReset = stats.snapshot()
        #expect(afterReset.closeReasons == [.idleTimeout: 1] && afterReset.requestsPerConnection == [0, 0, 1, 0, 0, 0, 0])
        #expect(afterReset.waitedRequests == 0 && afterReset.rejectionsByReason.isEmpty, "keyed counts restart at a reset")
    }

    @Test("the live table never keeps a closed connection")
    func connectionTable() {
        let table = ConnectionTable(shards: 4)
        for id in UInt64(1)...10 { table.upsert(ConnectionRow(id: id, peer: "p", openedAt: 0)) }
        for id in UInt64(1)...10 where id % 2 == 0 { table.remove(id) }
        #expect(table.snapshot().map(\.id) == [1, 3, 5, 7, 9])
    }
}
