#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The bounded, multi-producer event bus between the server core and its views.
///
/// Producers publish into one of several rings chosen by connection id, so one connection's
/// events stay in order and producers on different threads rarely meet on a lock. Publishing is
/// O(1). What happens when a ring is full depends on the consumers attached: for a view that only
/// samples history (the dashboard) the oldest event is dropped and counted, never blocking the
/// server; for one that must see every event (the access log, a record) the producer waits for
/// the consumer, so the server slows to the rate its log can be written rather than losing lines.
/// Exact totals live in `ServerCounters` either way.
public final class EventBus: Sendable {
    private let rings: [EventRing]
    private let droppedTotal = Atomic<Int>(0)
    /// The most detail any attached consumer wants; with none attached, nothing is published.
    private let detailLevel = Atomic<Int>(EventDetail.none.rawValue)
    private let lossless = Atomic<Bool>(false)
    private let doorbell = Doorbell()
    /// Run by a producer that finds its ring full while a lossless consumer is attached.
    private let relief = Mutex<(@Sendable () -> Void)?>(nil)

    public init(capacity: Int = 65_536, shards: Int = 8) {
        precondition((1...64).contains(shards), "a batch notes the rings it touches in one 64-bit word")
        let perShard = max(1, capacity / shards)
        rings = (0..<shards).map { _ in EventRing(capacity: perShard) }
    }

    /// The detail producers should publish; they skip building events nobody wants.
    public var detail: EventDetail { EventDetail(rawValue: detailLevel.load(ordering: .relaxed)) ?? .none }

    /// - Parameter lossless: the consumer must see every event; producers wait rather than drop.
    public func attachConsumer(detail: EventDetail = .full, lossless: Bool = false) {
        if lossless { self.lossless.store(true, ordering: .relaxed) }
        var current = detailLevel.load(ordering: .relaxed)
        while current < detail.rawValue {
            let (exchanged, original) = detailLevel.compareExchange(
                expected: current, desired: detail.rawValue, ordering: .relaxed)
            if exchanged { break }
            current = original
        }
    }

    /// What a producer facing a full ring does instead of waiting, when a lossless consumer is
    /// attached: deliver the buffered events itself (see `EventPump`).
    public func relieveWhenFull(_ drain: @escaping @Sendable () -> Void) {
        relief.withLock { $0 = drain }
    }

    /// A full ring under a lossless consumer: make room by draining it on this thread, or, with
    /// nobody to do that, wake the consumer and give it a moment.
    private func waitForRoom() {
        if let drain = relief.withLock({ $0 }) {
            drain()
        } else {
            doorbell.ring()
            usleep(100)
        }
    }

    public func publish(_ event: consuming ServerEvent) {
        guard detail != .none else { return }
        let ring = rings[Int(event.connection % UInt64(rings.count))]
        let dropOldest = !lossless.load(ordering: .relaxed)
        var pending = Optional(event)
        if ring.publish(&pending, dropOldest: dropOldest) { doorbell.ring() }
        // Lossless and full: back-pressure.
        while pending != nil {
            waitForRoom()
            _ = ring.publish(&pending, dropOldest: false)
        }
    }

    /// Publishes a thread's batch (see `EventBatch`) and empties it: each event to its connection's
    /// ring, one lock per ring touched.
    func publish(batch: inout [ServerEvent?]) {
        defer { batch.removeAll(keepingCapacity: true) }
        guard detail != .none else { return }
        let shards = UInt64(rings.count)
        var touched: UInt64 = 0
        for event in batch { touched |= 1 << (event!.connection % shards) }
        let dropOldest = !lossless.load(ordering: .relaxed)
        batch.withUnsafeMutableBufferPointer { events in
            for shard in 0..<shards where touched & (1 << shard) != 0 {
                var start = 0
                while true {
                    let (stoppedAt, halfFull) = rings[Int(shard)].publish(
                        batch: events, from: start, shard: shard, of: shards, dropOldest: dropOldest)
                    if halfFull { doorbell.ring() }
                    guard let stoppedAt else { break }
                    // Lossless and full: back-pressure, as for a single event.
                    start = stoppedAt
                    waitForRoom()
                }
            }
        }
    }

    /// Sleeps until a ring fills past half or `milliseconds` pass (the consumer's side).
    public func waitForEvents(milliseconds: Int32) {
        doorbell.wait(milliseconds: milliseconds)
    }

    /// Takes every buffered event: the rings' runs merged by timestamp. A merge never reorders a
    /// run, so each connection's events (one ring, publishing order) arrive exactly as published.
    public func drain() -> [ServerEvent] {
        var runs: [[ServerEvent?]] = []
        var total = 0, dropped = 0
        for ring in rings {
            var run: [ServerEvent?] = []
            dropped += ring.drain(into: &run)
            if !run.isEmpty {
                total += run.count
                runs.append(run)
            }
        }
        if dropped > 0 { droppedTotal.add(dropped, ordering: .relaxed) }
        var merged: [ServerEvent] = []
        merged.reserveCapacity(total)
        var next = [Int](repeating: 0, count: runs.count)
        var heads = runs.map { $0[0]!.timestamp }
        for _ in 0..<total {
            var earliest = 0
            for run in 1..<max(1, runs.count) where heads[run] < heads[earliest] { earliest = run }
            // Moved, not copied: a copy would retain and release each record, whose reference count
            // sits on a cache line the server wrote long ago.
            merged.append(runs[earliest][next[earliest]].take()!)
            next[earliest] += 1
            heads[earliest] = next[earliest] < runs[earliest].count ? runs[earliest][next[earliest]]!.timestamp : .max
        }
        return merged
    }

    /// Events lost because a consumer lagged, since start.
    public var droppedCount: Int { droppedTotal.load(ordering: .relaxed) }
}
