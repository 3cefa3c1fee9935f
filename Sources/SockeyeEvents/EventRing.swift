import Synchronization

/// A fixed-capacity ring of events. When full, publishing overwrites the oldest event and
/// counts it as dropped: a lagging consumer loses history, never blocks a producer.
final class EventRing: Sendable {
    private struct Storage {
        var slots: [ServerEvent?]
        var head = 0
        var count = 0
        var dropped = 0
    }

    private let storage: Mutex<Storage>

    init(capacity: Int) {
        storage = Mutex(Storage(slots: Array(repeating: nil, count: capacity)))
    }

    func publish(_ event: consuming ServerEvent) {
        // Taken out of an optional inside the lock: captured directly, the event was copied in
        // (a retain) and the original destroyed (a release) on every publish.
        var pending = Optional(event)
        storage.withLock { ring in
            let capacity = ring.slots.count
            if ring.count == capacity {
                ring.slots[ring.head] = pending.take()
                ring.head = (ring.head + 1) % capacity
                ring.dropped += 1
            } else {
                ring.slots[(ring.head + ring.count) % capacity] = pending.take()
                ring.count += 1
            }
        }
    }

    /// Moves every buffered event into `output`, oldest first; returns drops since the last drain.
    /// Moved, not copied: a copy would retain and release each record, whose reference count
    /// sits on a cache line the server wrote long ago.
    func drain(into output: inout [ServerEvent]) -> Int {
        storage.withLock { ring in
            let capacity = ring.slots.count
            for offset in 0..<ring.count {
                output.append(ring.slots[(ring.head + offset) % capacity].take()!)
            }
            ring.head = 0
            ring.count = 0
            let dropped = ring.dropped
            ring.dropped = 0
            return dropped
        }
    }
}
