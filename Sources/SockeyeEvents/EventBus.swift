import Synchronization

/// The bounded, multi-producer event bus between the server core and its views.
///
/// Producers publish into one of several rings chosen by connection id, so one connection's
/// events stay in order and producers on different threads rarely meet on a lock. Publishing is
/// O(1) and never waits for a consumer: when a ring is full the oldest event is dropped and
/// counted. Exact totals live in `ServerCounters`, so drops never falsify a total.
public final class EventBus: Sendable {
    private let rings: [EventRing]
    private let droppedTotal = Atomic<Int>(0)
    /// The most detail any attached consumer wants; with none attached, nothing is published.
    private let detailLevel = Atomic<Int>(EventDetail.none.rawValue)

    public init(capacity: Int = 65_536, shards: Int = 8) {
        let perShard = max(1, capacity / shards)
        rings = (0..<shards).map { _ in EventRing(capacity: perShard) }
    }

    /// The detail producers should publish; they skip building events nobody wants.
    public var detail: EventDetail { EventDetail(rawValue: detailLevel.load(ordering: .relaxed)) ?? .none }

    public func attachConsumer(detail: EventDetail = .full) {
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
        rings[Int(event.connection % UInt64(rings.count))].publish(event)
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
