/// The events one server thread (an event loop, or a connection's thread) published since it last
/// flushed, handed to the bus together into the thread's ring: one lock per batch instead of one
/// per event. Each connection's events all go through one thread's batch, so one ring holds them
/// in the order they happened. A connection's thread flushes before it blocks in `poll`; an event
/// loop, which serves many connections a pass, flushes by time (`flush(ifDueAt:)`), as nginx's
/// buffered access log does: a keep-alive request a pass would otherwise cost a lock per request.
public final class EventBatch {
    @usableFromInline let bus: EventBus
    /// Looked up once: found per flush, the ring was retained and released each time.
    private let ring: EventRing
    /// Raw memory, initialized for `count` events, that the ring moves them out of: an array paid
    /// a uniqueness check per append and a pass over the emptied slots per flush.
    @usableFromInline var events: UnsafeMutablePointer<ServerEvent>
    @usableFromInline var capacity = 16
    @usableFromInline var count = 0
    /// Events not built because the bus was shedding, counted as dropped at the next flush.
    @usableFromInline var shed = 0
    /// When the events held must go: `maxHeldNanoseconds` after a `flush(ifDueAt:)` first found
    /// them; `.max` while none are held.
    @usableFromInline var flushDue = UInt64.max
    /// How long events may wait in a batch flushed by time, and how many it holds before it
    /// flushes anyway. Views refresh every 50 ms (`EventPump`): 10 ms is not seen.
    public static let maxHeldNanoseconds: UInt64 = 10_000_000
    public static let maxHeldEvents = 128
    /// Blocks for this thread's request records (see `RecordBlockPool`).
    public let recordBlocks: RecordBlockStash

    /// - Parameter ring: which of the bus's rings this thread publishes into (any number; it wraps).
    public init(bus: EventBus, ring: Int) {
        self.bus = bus
        self.ring = bus.ring(at: ring)
        events = .allocate(capacity: capacity)
        recordBlocks = RecordBlockStash(pool: bus.recordBlocks)
    }

    deinit {
        events.deinitialize(count: count)
        events.deallocate()
    }

    @inlinable
    public func append(_ event: consuming ServerEvent) {
        if count == capacity { grow() }
        (events + count).initialize(to: event)
        count += 1
    }

    /// Appends the event unless the bus is shedding (`EventBus.isShedding`), when it is not even built.
    @inline(__always)
    public func append(unlessShedding event: () -> ServerEvent) {
        if bus.isShedding { shed += 1 } else { append(event()) }
    }

    /// The same for an event already built, which moves in rather than being captured.
    /// Inlinable: a completed request's record is built into the batch rather than copied there.
    @inlinable
    public func append(unlessShedding event: consuming ServerEvent) {
        if bus.isShedding { shed += 1 } else { append(event) }
    }

    /// For a thread that flushes by time: hands the batch to the bus once the events it holds have
    /// waited `maxHeldNanoseconds` since a call first found them, or once it holds
    /// `maxHeldEvents`. Returns when it must be called again at the latest (`.max`: nothing is held).
    /// Inlinable: an event loop asks on every pass, and across modules a call cost more than this.
    @inlinable @inline(__always)
    public func flush(ifDueAt now: UInt64) -> UInt64 {
        guard count > 0 || shed > 0 else { return .max }
        if flushDue == .max { flushDue = now &+ Self.maxHeldNanoseconds }
        if now >= flushDue || count >= Self.maxHeldEvents {
            flush()
            return .max
        }
        return flushDue
    }

    public func flush() {
        flushDue = .max
        if shed > 0 {
            bus.countShed(shed)
            shed = 0
        }
        guard count > 0 else { return }
        bus.publish(batch: UnsafeMutableBufferPointer(start: events, count: count), into: ring)
        count = 0
    }

    @usableFromInline func grow() {
        let larger = UnsafeMutablePointer<ServerEvent>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: events, count: count)
        events.deallocate()
        events = larger
        capacity *= 2
    }
}

@available(*, unavailable)
extension EventBatch: Sendable {}
