#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents
import SockeyeSockets
import Synchronization

/// `sockeye top URL…`: the dashboard's statistics read from admin endpoints. A thread per server
/// polls its `/status` every `interval`; a server that fails is shown down and tried again with
/// back-off. The view merges the last reports at frame time and never waits on the network.
public final class FleetSource: SnapshotSource {
    private struct State {
        var members: [FleetMember]
        var resetAt: UInt64 = 0
    }

    private let endpoints: [AdminEndpoint]
    private let interval: UInt64
    private let state: Mutex<State>
    private let stopped = Atomic<Bool>(false)

    /// Tags `a`…`z`, then `aa`…: enough for any fleet that fits a terminal.
    static func tag(_ index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return index < 26 ? String(letters[index]) : String(letters[index / 26 - 1]) + String(letters[index % 26])
    }

    public init(endpoints: [AdminEndpoint], intervalMilliseconds: Int = 1000) {
        self.endpoints = endpoints
        interval = UInt64(max(100, intervalMilliseconds)) * 1_000_000
        state = Mutex(State(members: endpoints.enumerated().map { index, endpoint in
            FleetMember(status: InstanceStatus(tag: Self.tag(index), endpoint: endpoint.description, problem: "connecting"))
        }))
    }

    /// Starts one polling thread per server.
    public func start() {
        for index in endpoints.indices {
            ThreadSpawner.spawn(detached: true) { [self] in poll(index) }
        }
    }

    /// Ends the polling threads after their current poll.
    public func stop() { stopped.store(true, ordering: .relaxed) }

    private func poll(_ index: Int) {
        let fetcher = StatusFetcher(endpoint: endpoints[index])
        var backoff = Backoff()
        while !stopped.load(ordering: .relaxed) {
            let outcome = Result { () throws(StatusFetcher.Failure) in try StatusReport.decode(try fetcher.fetch()) }
            let now = MonotonicClock.now()
            let wait: UInt64
            switch outcome {
            case .success(let report):
                backoff.succeeded()
                wait = interval
                record(index, report.snapshot(receivedAt: now, instance: index), at: now)
            case .failure(let failure):
                wait = backoff.failed()
                markDown(index, reason: failure.reason, retryAt: now + wait)
            }
            sleep(nanoseconds: wait)
        }
    }

    private func record(_ index: Int, _ report: StatsSnapshot, at now: UInt64) {
        state.withLock { state in
            var member = state.members[index]
            // A server that restarted has counts below the baseline; it starts again from zero.
            if let baseline = member.baseline, report.requests < baseline.requests { member.baseline = nil }
            member.report = report
            member.status.address = report.identity?.address
            member.status.isUp = true
            member.status.problem = nil
            member.status.retryAt = nil
            member.status.requestsPerSecond = report.currentRate
            member.status.connectionsOpen = report.connectionsOpen
            member.status.waitP99 = report.waitP99
            member.status.errors = report.statusClasses[4] + report.statusClasses[5]
            state.members[index] = member
        }
    }

    private func markDown(_ index: Int, reason: String, retryAt: UInt64) {
        state.withLock { state in
            state.members[index].status.isUp = false
            state.members[index].status.problem = reason
            state.members[index].status.retryAt = retryAt
        }
    }

    /// Sleeps in short steps so `stop()` is honoured soon.
    private func sleep(nanoseconds: UInt64) {
        let end = MonotonicClock.now() + nanoseconds
        while !stopped.load(ordering: .relaxed), MonotonicClock.now() < end {
            usleep(UInt32(min(50_000, (end - MonotonicClock.now()) / 1000)))
        }
    }

    public func snapshot(now: UInt64) -> StatsSnapshot {
        state.withLock { FleetMerge.merge($0.members, now: now, resetAt: $0.resetAt) }
    }

    /// `r`: records from before now are hidden and keyed counts start again from zero; totals stay.
    public func reset() {
        state.withLock { state in
            state.resetAt = MonotonicClock.now()
            for index in state.members.indices { state.members[index].baseline = state.members[index].report }
        }
    }
}
