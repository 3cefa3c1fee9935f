import SockeyeEvents
@testable import SockeyeRemote
import Testing

@Suite("Fleet merge")
struct FleetMergeTests {
    static let second: UInt64 = 1_000_000_000

    static func record(_ connection: UInt64, at: UInt64, instance: UInt8, target: String = "/", status: Int = 200) -> RequestRecord {
        RequestRecord(connection: connection, sequence: 1, method: "GET", target: target, version: .http11, status: status,
                      bytesIn: 0, bytesOut: 100, chunked: false, headAt: at - 1000, startedAt: at - 1000, finishedAt: at, wait: 0,
                      blockedBy: nil, peer: "127.0.0.1:1", instance: instance)
    }

    static func report(instance: Int, requests: Int, rates: [Int], at: UInt64) -> StatsSnapshot {
        var snapshot = StatsSnapshot()
        snapshot.takenAt = at
        snapshot.uptime = UInt64(10 + instance) * second
        snapshot.requests = requests
        snapshot.connectionsOpen = 1
        snapshot.statusClasses = [0, 0, requests - 1, 0, 1, 0]
        snapshot.requestsPerSecond = rates
        snapshot.requestsPerConnection = [0, requests, 0, 0, 0, 0, 0]
        snapshot.closeReasons = [.clientClosed: requests]
        snapshot.waitP99 = UInt64(instance + 1) * 1_000_000
        snapshot.connections = [ConnectionRow(id: 1, peer: "127.0.0.1:2", openedAt: at, instance: instance)]
        snapshot.recentRequests = [record(1, at: at - UInt64(instance) * 10, instance: UInt8(instance), target: "/\(instance)")]
        snapshot.identity = ServerIdentity(address: "http://127.0.0.1:\(8080 + instance)", model: "eventloop", workers: 1)
        return snapshot
    }

    static func member(_ index: Int, up: Bool, report: StatsSnapshot?) -> FleetMember {
        FleetMember(status: InstanceStatus(tag: FleetSource.tag(index), endpoint: "http://127.0.0.1:\(9090 + index)", isUp: up),
                    report: report)
    }

    @Test("totals and histograms add up, rates line up on the newest second, records interleave by time, p99 is the worst")
    func sums() {
        let now = 100 * Self.second
        let merged = FleetMerge.merge([
            Self.member(0, up: true, report: Self.report(instance: 0, requests: 5, rates: [1, 2, 3], at: now)),
            Self.member(1, up: true, report: Self.report(instance: 1, requests: 7, rates: [4, 5], at: now)),
        ], now: now, resetAt: 0)
        #expect(merged.requests == 12 && merged.statusClasses == [0, 0, 10, 0, 2, 0] && merged.connectionsOpen == 2)
        #expect(merged.requestsPerSecond == [1, 6, 8])
        #expect(merged.requestsPerConnection == [0, 12, 0, 0, 0, 0, 0] && merged.closeReasons == [.clientClosed: 12])
        #expect(merged.waitP99 == 2_000_000 && merged.uptime == 11 * Self.second)
        #expect(merged.connections.map(\.instance) == [0, 1])
        #expect(merged.recentRequests.map(\.target) == ["/1", "/0"], "oldest first: b's finished 10 ns earlier")
        #expect(merged.identity?.address == "fleet of 2, 2 up" && merged.instances.map(\.tag) == ["a", "b"])
    }

    @Test("a server that is down keeps its totals and records but shows no open connections")
    func downServer() {
        let now = 100 * Self.second
        let merged = FleetMerge.merge([
            Self.member(0, up: true, report: Self.report(instance: 0, requests: 5, rates: [1], at: now)),
            Self.member(1, up: false, report: Self.report(instance: 1, requests: 7, rates: [4], at: now)),
            Self.member(2, up: false, report: nil),
        ], now: now, resetAt: 0)
        #expect(merged.requests == 12 && merged.connectionsOpen == 1 && merged.connections.count == 1)
        #expect(merged.recentRequests.count == 2)
        #expect(merged.identity?.address == "fleet of 3, 1 up")
    }

    @Test("one server is named by its own identity")
    func oneServer() {
        let merged = FleetMerge.merge([Self.member(0, up: true, report: Self.report(instance: 0, requests: 3, rates: [], at: Self.second))],
                                      now: Self.second, resetAt: 0)
        #expect(merged.identity?.address == "http://127.0.0.1:8080" && merged.identity?.model == "eventloop")
    }

    @Test("after r: records from before are hidden and keyed counts start from the baseline; a restarted server from zero")
    func reset() {
        let now = 100 * Self.second
        var member = Self.member(0, up: true, report: Self.report(instance: 0, requests: 9, rates: [1], at: now))
        member.baseline = Self.report(instance: 0, requests: 4, rates: [1], at: now - Self.second)
        let merged = FleetMerge.merge([member], now: now, resetAt: now)
        #expect(merged.recentRequests.isEmpty && merged.requests == 9, "totals stay")
        #expect(merged.requestsPerConnection == [0, 5, 0, 0, 0, 0, 0] && merged.closeReasons == [.clientClosed: 5])
        member.baseline = Self.report(instance: 0, requests: 20, rates: [1], at: now - Self.second)
        let restarted = FleetMerge.merge([member], now: now, resetAt: 0)
        #expect(restarted.requestsPerConnection == [0, 9, 0, 0, 0, 0, 0])
    }

    @Test("tags run a … z, then aa, ab")
    func tags() {
        #expect(FleetSource.tag(0) == "a" && FleetSource.tag(25) == "z" && FleetSource.tag(26) == "aa" && FleetSource.tag(27) == "ab")
    }
}
