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
    /// Views that are attached; with none, publishing is skipped entirely.
    private let subscribers = Atomic<Int>(0)

    public init(capacity: Int = 65_536, shards: Int = 8) {
        let perShard = max(1, capacity / shards)
        rings = (0..<shards).map { _ in EventRing(capacity: perShard) }
    }

    /// Whether any consumer is attached; producers may skip building events when not.
    public var isObserved: Bool { subscribers.load(ordering: .relaxed) > 0 }

    public func attachConsumer() { subscribers.add(1, ordering: .relaxed) }

    public func publish(_ event: ServerEvent) {
        guard isObserved else { return }
        rings[Int(event.connection % UInt64(rings.count))].publish(event)
    }

    /// Takes every buffered event, ordered by timestamp (each connection's events keep their
    /// publishing order: they share a ring and a stable sort).
    public func drain() -> [ServerEvent] {
        var events: [ServerEvent] = []
        var dropped = 0
        for ring in rings { dropped += ring.drain(into: &events) }
        if dropped > 0 { droppedTotal.add(dropped, ordering: .relaxed) }
        return sortedStably(events)
    }

    /// Events lost because a consumer lagged, since start.
    public var droppedCount: Int { droppedTotal.load(ordering: .relaxed) }

    private func sortedStably(_ events: [ServerEvent]) -> [ServerEvent] {
        events.enumerated()
            .sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }
            .map(\.element)
    }
}
