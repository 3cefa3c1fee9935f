/// The events one server thread (an event loop, or a connection's thread) published since it last
/// flushed, handed to the bus together into the thread's ring: one lock per batch instead of one
/// per event. Each connection's events all go through one thread's batch, so one ring holds them
/// in the order they happened. The owning thread flushes before it blocks (in `epoll_wait` or
/// `poll`), so a batch never waits longer than the thread's current pass.
public final class EventBatch {
    private let bus: EventBus
    private let ring: Int
    private var events: [ServerEvent?] = []
    /// Events not built because the bus was shedding, counted as dropped at the next flush.
    private var shed = 0

    /// - Parameter ring: which of the bus's rings this thread publishes into (any number; it wraps).
    public init(bus: EventBus, ring: Int) {
        self.bus = bus
        self.ring = ring
    }

    public func append(_ event: consuming ServerEvent) {
        events.append(event)
    }

    /// Appends the event unless the bus is shedding (`EventBus.isShedding`), when it is not even built.
    @inline(__always)
    public func append(unlessShedding event: () -> ServerEvent) {
        if bus.isShedding { shed += 1 } else { events.append(event()) }
    }

    public func flush() {
        if shed > 0 {
            bus.countShed(shed)
            shed = 0
        }
        guard !events.isEmpty else { return }
        bus.publish(batch: &events, ring: ring)
    }
}

@available(*, unavailable)
extension EventBatch: Sendable {}
