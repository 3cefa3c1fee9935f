import Synchronization

/// Builds the views' statistics: history from events (recent requests, waits), exact counts from
/// the counters (totals, close reasons, reuse, rejections), open connections from the live table.
/// Fed by the pump, one batch at a time; read by any thread through `snapshot()`.
public final class StatsAggregator: EventSink {
    private struct History {
        var recentRequests = BoundedHistory<RequestRecord>(capacity: StatsAggregator.recentLimit)
        var recentWaits = BoundedHistory<RequestRecord>(capacity: 50)
        var waitSamples = BoundedHistory<UInt64>(capacity: StatsAggregator.waitSampleLimit)
        /// The exact counts at the last reset, subtracted from what the counters say.
        var outcomesAtReset = OutcomeTally()
        var waitedAtReset = 0
        /// Completed-request totals sampled once a second, for the req/s sparkline.
        var perSecond: [Int] = []
        var lastSampleSecond: UInt64 = 0
        var lastSampleTotal = 0
    }

    private let counters: ServerCounters
    private let table: ConnectionTable
    private let bus: EventBus
    private let startedAt: UInt64
    private let history = Mutex(History())
    static let recentLimit = 200
    static let waitSampleLimit = 1000

    public init(counters: ServerCounters, table: ConnectionTable, bus: EventBus, startedAt: UInt64 = MonotonicClock.now()) {
        self.counters = counters
        self.table = table
        self.bus = bus
        self.startedAt = startedAt
        table.enable()
    }

    /// Waits come with the completed requests; heads and chunks are not needed.
    public var detail: EventDetail { .summary }

    /// History is sampled under overload; every count shown comes from the exact counters.
    public var needsEveryEvent: Bool { false }

    public func consume(_ events: Span<ServerEvent>) {
        history.withLock { history in
            for index in events.indices { apply(events[index], to: &history) }
        }
    }

    /// The same for events in hand (a replay, a test).
    public func consume(_ events: [ServerEvent]) {
        consume(events.span)
    }

    private func apply(_ event: ServerEvent, to history: inout History) {
        switch event {
        case .requestCompleted(let record):
            history.recentRequests.append(record)
            if record.wait > 0 {
                history.recentWaits.append(record)
                history.waitSamples.append(record.wait)
            }
        default:
            break
        }
    }

    public func snapshot(now: UInt64 = MonotonicClock.now()) -> StatsSnapshot {
        var snapshot = StatsSnapshot()
        snapshot.takenAt = now
        snapshot.uptime = now &- startedAt
        snapshot.connectionsAccepted = counters.connectionsAccepted.load(ordering: .relaxed)
        snapshot.connectionsOpen = counters.connectionsActive.load(ordering: .relaxed)
        snapshot.connectionsRefused = counters.connectionsRefused.load(ordering: .relaxed)
        snapshot.requests = counters.requests.load(ordering: .relaxed)
        snapshot.rejected = counters.rejected.load(ordering: .relaxed)
        snapshot.bytesIn = counters.bytesIn.load(ordering: .relaxed)
        snapshot.bytesOut = counters.bytesOut.load(ordering: .relaxed)
        snapshot.statusClasses = (0...5).map { $0 == 0 ? 0 : counters.responses(inClass: $0) }
        snapshot.droppedEvents = bus.droppedCount
        snapshot.tlsHandshakes = counters.tlsHandshakes.load(ordering: .relaxed)
        snapshot.tlsFailures = counters.tlsFailures.load(ordering: .relaxed)
        snapshot.connections = table.snapshot()
        snapshot.exchanges = table.recentExchanges.snapshot()
        snapshot.frames = table.recentFrames.snapshot()
        history.withLock { history in
            sampleRate(&history, now: now, total: snapshot.requests)
            snapshot.requestsPerSecond = history.perSecond
            snapshot.recentRequests = history.recentRequests.elements
            snapshot.recentWaits = history.recentWaits.elements
            snapshot.waitedRequests = counters.waitedRequests.load(ordering: .relaxed) - history.waitedAtReset
            let outcomes = counters.outcomeTally.since(history.outcomesAtReset)
            snapshot.requestsPerConnection = outcomes.requestsPerConnection
            snapshot.closeReasons = outcomes.closeReasons
            snapshot.rejectionsByReason = outcomes.rejectionsByReason
            let sorted = history.waitSamples.elements.sorted()
            snapshot.waitP50 = Self.percentile(sorted, 0.50)
            snapshot.waitP99 = Self.percentile(sorted, 0.99)
            snapshot.waitMax = sorted.last ?? 0
        }
        return snapshot
    }

    /// Resets history and rates, and restarts the keyed counts from zero; the totals stay.
    public func reset() {
        history.withLock { history in
            let total = history.lastSampleTotal
            let second = history.lastSampleSecond
            history = History()
            history.lastSampleTotal = total
            history.lastSampleSecond = second
            history.outcomesAtReset = counters.outcomeTally
            history.waitedAtReset = counters.waitedRequests.load(ordering: .relaxed)
        }
    }

    /// Closes each elapsed whole second with the number of requests completed in it.
    private func sampleRate(_ history: inout History, now: UInt64, total: Int) {
        let second = (now &- startedAt) / 1_000_000_000
        guard second > history.lastSampleSecond else { return }
        let elapsed = Int(min(second - history.lastSampleSecond, 60))
        let completed = total - history.lastSampleTotal
        // Spread evenly across seconds that passed unobserved.
        for index in 0..<elapsed {
            history.perSecond.append(index == elapsed - 1 ? completed - (completed / elapsed) * (elapsed - 1) : completed / elapsed)
        }
        if history.perSecond.count > 60 { history.perSecond.removeFirst(history.perSecond.count - 60) }
        history.lastSampleSecond = second
        history.lastSampleTotal = total
    }

    static func percentile(_ sorted: [UInt64], _ fraction: Double) -> UInt64 {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }
}
