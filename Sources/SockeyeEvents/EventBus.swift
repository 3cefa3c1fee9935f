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

    public init(capacity: Int = 65_536, shards: Int = 8) {
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

    public func publish(_ event: consuming ServerEvent) {
        guard detail != .none else { return }
        let ring = rings[Int(event.connection % UInt64(rings.count))]
        let dropOldest = !lossless.load(ordering: .relaxed)
        var pending = Optional(event)
        if ring.publish(&pending, dropOldest: dropOldest) { doorbell.ring() }
        // Lossless and full: back-pressure. The consumer is woken and drains a whole ring per
        // pass, so the wait is one drain, not a pump interval.
        while pending != nil {
            doorbell.ring()
            usleep(100)
            _ = ring.publish(&pending, dropOldest: false)
        }
    }

    /// Sleeps until a ring fills past half or `milliseconds` pass (the consumer's side).
    public func waitForEvents(milliseconds: Int32) {
        doorbell.wait(milliseconds: milliseconds)
    }

    /// Takes every buffered event, ordered by timestamp (each connection's events keep their
    /// publishing order: they share a ring and a stable sort).
    public func drain() -> [ServerEvent] {
        var events: [ServerEvent] = []
        var dropped = 0
        for ring in rings { dropped += ring.drain(into: &events) }
        if dropped > 0 { droppedTotal.add(dropped, ordering: .relaxed) }
        // Swift's sort is stable, so events of one connection (one ring, publishing order) keep
        // their order even when timestamps tie; the rings' runs are already sorted, so it is cheap.
        events.sort { $0.timestamp < $1.timestamp }
        return events
    }

    /// Events lost because a consumer lagged, since start.
    public var droppedCount: Int { droppedTotal.load(ordering: .relaxed) }
}
