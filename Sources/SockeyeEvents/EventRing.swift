import Synchronization

/// A fixed-capacity ring of events. When full, a lossy ring overwrites the oldest event and counts
/// it as dropped (a lagging dashboard loses history, never blocks a producer); a lossless one
/// refuses the event and the producer waits (see `EventBus.publish`).
final class EventRing: Sendable {
    /// Raw slots, not an array of optionals: events are moved in and out, so neither side pays
    /// for an optional's tag or for destroying the emptied slot.
    private struct Storage {
        /// Initialized from `head` for `count` slots, wrapping at `capacity`; the rest uninitialized.
        let slots: UnsafeMutablePointer<ServerEvent>
        let capacity: Int
        var head = 0
        var count = 0
        var dropped = 0

        /// The initialized slots, oldest first: from `head` to the wrap, then from the start.
        var occupied: (UnsafeMutableBufferPointer<ServerEvent>, UnsafeMutableBufferPointer<ServerEvent>) {
            let beforeWrap = min(count, capacity - head)
            return (UnsafeMutableBufferPointer(start: slots + head, count: beforeWrap),
                    UnsafeMutableBufferPointer(start: slots, count: count - beforeWrap))
        }
    }

    private let storage: Mutex<Storage>

    init(capacity: Int) {
        storage = Mutex(Storage(slots: .allocate(capacity: capacity), capacity: capacity))
    }

    deinit {
        storage.withLock { ring in
            let (older, newer) = ring.occupied
            _ = older.deinitialize()
            _ = newer.deinitialize()
            ring.slots.deallocate()
        }
    }

    /// Moves, in order, the events of `batch` from `start` on into the ring, leaving their memory
    /// uninitialized. Returns where it stopped when the ring filled and `dropOldest` is false (nil
    /// when done), whether the ring reached half its capacity, and how many events it holds.
    func publish(batch: UnsafeMutableBufferPointer<ServerEvent>, from start: Int,
                 dropOldest: Bool) -> (stoppedAt: Int?, halfFull: Bool, backlog: Int) {
        storage.withLock { ring in
            let capacity = ring.capacity, half = (capacity + 1) / 2
            // What fits moves in two runs, before and after the wrap, with no division per event.
            let fitting = min(batch.count - start, capacity - ring.count)
            let end = (ring.head + ring.count) % capacity
            let beforeWrap = min(fitting, capacity - end)
            for offset in 0..<beforeWrap {
                (ring.slots + end + offset).initialize(to: batch.moveElement(from: start + offset))
            }
            for offset in beforeWrap..<fitting {
                (ring.slots + offset - beforeWrap).initialize(to: batch.moveElement(from: start + offset))
            }
            let halfFull = ring.count < half && ring.count + fitting >= half
            ring.count += fitting
            let rest = start + fitting
            guard rest < batch.count else { return (nil, halfFull, ring.count) }
            // Full: a lossy ring overwrites its oldest events; a lossless one stops here.
            guard dropOldest else { return (rest, true, capacity) }
            for index in rest..<batch.count {
                ring.slots[ring.head] = batch.moveElement(from: index)
                ring.head = (ring.head + 1) % capacity
                ring.dropped += 1
            }
            return (nil, halfFull, capacity)
        }
    }

    /// Moves every buffered event, oldest first, to the end of `buffer`, and returns the drops
    /// since the last drain. Moved, not copied: a copy would retain and release each record, whose
    /// reference count sits on a cache line the server wrote long ago.
    func drain(into buffer: inout EventBuffer) -> Int {
        storage.withLock { ring in
            let dropped = ring.dropped
            ring.dropped = 0
            guard ring.count > 0 else { return dropped }
            // Event by event, as values: moving the ring's memory into the caller's in bulk
            // would tie the two together for the region checker.
            buffer.reserve(ring.count)
            let (older, newer) = ring.occupied
            for index in older.indices { buffer.appendReserved(older.moveElement(from: index)) }
            for index in newer.indices { buffer.appendReserved(newer.moveElement(from: index)) }
            ring.head = 0
            ring.count = 0
            return dropped
        }
    }
}
