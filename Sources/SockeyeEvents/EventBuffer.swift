/// The events one delivery hands to the sinks: raw memory the pump keeps from drain to drain.
/// The rings' events are moved in, the sinks read them in place, and afterwards the record pool
/// moves out the records no sink kept and the rest are destroyed (`empty(reclaimingInto:)`): a
/// delivery allocates nothing, and nothing stands in a reclaimed record's place to be destroyed.
struct EventBuffer: ~Copyable {
    private var start: UnsafeMutablePointer<ServerEvent>
    private var capacity: Int
    /// Initialized from `start` for `count` events.
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = max(1, capacity)
        start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deinitialize(count: count)
        start.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// Adds `event` at the end, in room `reserve(_:)` made.
    @inline(__always)
    mutating func appendReserved(_ event: consuming ServerEvent) {
        precondition(count < capacity, "EventBuffer: no room reserved")
        (start + count).initialize(to: event)
        count += 1
    }

    /// Makes room for `extra` more events.
    mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let larger = max(capacity * 2, count + extra)
        let grown = UnsafeMutablePointer<ServerEvent>.allocate(capacity: larger)
        grown.moveInitialize(from: start, count: count)
        start.deallocate()
        start = grown
        capacity = larger
    }

    /// The events, in place, for `body` to read.
    func withSpan<Result>(_ body: (Span<ServerEvent>) -> Result) -> Result {
        body(UnsafeBufferPointer(start: start, count: count).span)
    }

    /// Lets `body` rearrange the events: it receives them and must leave exactly `count`
    /// initialized events in the same memory (the bus's merge of several rings' runs).
    mutating func withEvents<Result>(_ body: (UnsafeMutableBufferPointer<ServerEvent>) -> Result) -> Result {
        body(UnsafeMutableBufferPointer(start: start, count: count))
    }

    /// Empties the buffer: each completed request's record goes to `pool` when no sink kept it,
    /// and every other event is destroyed. The memory stays for the next delivery.
    mutating func empty(reclaimingInto pool: RecordBlockPool) {
        pool.reclaim(moving: UnsafeMutableBufferPointer(start: start, count: count))
        count = 0
    }

    /// The events as an array, moved out (for callers that keep them, such as tests).
    consuming func takeAll() -> [ServerEvent] {
        guard count > 0 else { return [] }
        let events = [ServerEvent](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: start, count: count)
            initialized = count
        }
        count = 0
        return events
    }
}

@available(*, unavailable)
extension EventBuffer: Sendable {}
