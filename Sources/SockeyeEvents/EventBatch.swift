/// The events one server thread (an event loop, or a connection's thread) published since it last
/// flushed, handed to the bus together: one lock per ring per batch instead of one per event, and
/// no contention between a thread's own publishes. Each connection's events are published by one
/// thread, so they stay in order. The owning thread flushes before it blocks (in `epoll_wait` or
/// `poll`), so a batch never waits longer than the thread's current pass.
public final class EventBatch {
    private let bus: EventBus
    private var events: [ServerEvent?] = []

    public init(bus: EventBus) {
        self.bus = bus
    }

    public func append(_ event: consuming ServerEvent) {
        events.append(event)
    }

    public func flush() {
        guard !events.isEmpty else { return }
        bus.publish(batch: &events)
    }
}

@available(*, unavailable)
extension EventBatch: Sendable {}
