/// The events one server thread (an event loop, or a connection's thread) published since it last
/// flushed, handed to the bus together into the thread's ring: one lock per batch instead of one
/// per event. Each connection's events all go through one thread's batch, so one ring holds them
/// in the order they happened. The owning thread flushes before it blocks (in `epoll_wait` or
/// `poll`), so a batch never waits longer than the thread's current pass.
public final class EventBatch {
    private let bus: EventBus
    private let ring: Int
    private var events: [ServerEvent?] = []

    /// - Parameter ring: which of the bus's rings this thread publishes into (any number; it wraps).
    public init(bus: EventBus, ring: Int) {
        self.bus = bus
        self.ring = ring
    }

    public func append(_ event: consuming ServerEvent) {
        events.append(event)
    }

    public func flush() {
        guard !events.isEmpty else { return }
        bus.publish(batch: &events, ring: ring)
    }
}

@available(*, unavailable)
extension EventBatch: Sendable {}
