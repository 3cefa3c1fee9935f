import Synchronization

/// A fixed-capacity ring of events. When full, a lossy ring overwrites the oldest event and counts
/// it as dropped (a lagging dashboard loses history, never blocks a producer); a lossless one
/// refuses the event and the producer waits (see `EventBus.publish`).
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

    /// Stores `pending` (leaving nil) unless the ring is full and `dropOldest` is false, when it
    /// stays in `pending`. Returns whether the ring just reached half its capacity (time to wake
    /// the consumer) and how many events it holds.
    func publish(_ pending: inout ServerEvent?, dropOldest: Bool) -> (halfFull: Bool, backlog: Int) {
        // Moved out of the optional inside the lock: captured directly, the event was copied in
        // (a retain) and the original destroyed (a release) on every publish.
        storage.withLock { ring in
            let capacity = ring.slots.count
            if ring.count == capacity {
                guard dropOldest else { return (true, capacity) }
                ring.slots[ring.head] = pending.take()
                ring.head = (ring.head + 1) % capacity
                ring.dropped += 1
                return (false, capacity)
            }
            ring.slots[(ring.head + ring.count) % capacity] = pending.take()
            ring.count += 1
            return (ring.count == (capacity + 1) / 2, ring.count)
        }
    }

    /// Stores, in order, the events of `batch` from `start` on, taking them out of the batch.
    /// Returns where it stopped when the ring filled and `dropOldest` is false (nil when done),
    /// whether the ring reached half its capacity, and how many events it holds.
    func publish(batch: UnsafeMutableBufferPointer<ServerEvent?>, from start: Int,
                 dropOldest: Bool) -> (stoppedAt: Int?, halfFull: Bool, backlog: Int) {
        storage.withLock { ring in
            let capacity = ring.slots.count
            var halfFull = false
            for index in start..<batch.count {
                if ring.count == capacity {
                    guard dropOldest else { return (index, true, capacity) }
                    ring.slots[ring.head] = batch[index].take()
                    ring.head = (ring.head + 1) % capacity
                    ring.dropped += 1
                } else {
                    ring.slots[(ring.head + ring.count) % capacity] = batch[index].take()
                    ring.count += 1
                    if ring.count == (capacity + 1) / 2 { halfFull = true }
                }
            }
            return (nil, halfFull, ring.count)
        }
    }

    /// Moves every buffered event into `output`, oldest first; returns drops since the last drain.
    /// Moved, not copied: a copy would retain and release each record, whose reference count
    /// sits on a cache line the server wrote long ago.
    func drain(into output: inout [ServerEvent]) -> Int {
        storage.withLock { ring in
            let capacity = ring.slots.count
            output.reserveCapacity(output.count + ring.count)
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
