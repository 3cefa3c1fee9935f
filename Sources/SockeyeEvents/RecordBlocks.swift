import Synchronization

/// Request records' heap blocks, used again. A record is made on a server thread and let go on the
/// views' thread, so each one cost a trip through malloc's slow paths on both sides (the
/// allocating thread's cache is always empty, the freeing thread's always full) — more than
/// formatting its log line. Instead the consumer hands back every block no view kept
/// (`reclaim(_:)`), in chunks, and producers take a chunk at a time (`RecordBlockStash`).
///
/// Bounded: at most `maxChunks` chunks of `chunkSize` blocks wait here; any more are freed. Only
/// blocks with room for at most `RequestRecord.pooledTextCapacity` text bytes come back, so each
/// is small.
public final class RecordBlockPool: Sendable {
    static let chunkSize = 32
    static let maxChunks = 32
    private let chunks = Mutex<[Chunk]>([])

    /// Blocks no record uses, passed between threads whole: `@unchecked Sendable` because nothing
    /// else holds a reference to them (see `RequestRecord.reusableBlock()`).
    private struct Chunk: @unchecked Sendable {
        var blocks: [RequestRecord.Storage]
    }

    public init() {}

    /// After every view has seen `events`: takes the block of each completed request's record
    /// that no view kept, leaving a payload-free event in its place.
    func reclaim(_ events: inout [ServerEvent]) {
        var chunk: [RequestRecord.Storage] = []
        events.withUnsafeMutableBufferPointer { events in
            for index in events.indices {
                guard case .requestCompleted = events[index] else { continue }
                // Moved out, not copied: the batch lets go of it first, so a block no view kept
                // has one reference, this one.
                let event = events.moveElement(from: index)
                events.initializeElement(at: index, to: Self.vacated)
                guard case .requestCompleted(let record) = consume event, let block = (consume record).reusableBlock() else { continue }
                if chunk.isEmpty { chunk.reserveCapacity(Self.chunkSize) }
                chunk.append(consume block)
                if chunk.count == Self.chunkSize { give(&chunk) }
            }
        }
        if !chunk.isEmpty { give(&chunk) }
    }

    /// A chunk of blocks, or an empty array when none wait.
    func take() -> [RequestRecord.Storage] {
        chunks.withLock { $0.popLast() }?.blocks ?? []
    }

    private func give(_ chunk: inout [RequestRecord.Storage]) {
        let full = Chunk(blocks: chunk)
        chunk = []
        chunks.withLock { chunks in
            if chunks.count < Self.maxChunks { chunks.append(full) }
        }
    }

    /// What stands in a reclaimed record's place until the batch is let go: no payload to release.
    private static let vacated = ServerEvent.chunkSent(connection: 0, sequence: 0, size: 0, at: 0)
}

/// One server thread's blocks from the pool: refilled a chunk at a time, so taking a block is an
/// array pop, not a lock. Owned by the thread's `EventBatch`.
public final class RecordBlockStash {
    private let pool: RecordBlockPool
    private var blocks: [RequestRecord.Storage] = []

    init(pool: RecordBlockPool) {
        self.pool = pool
    }

    /// A block no record uses, or nil when the pool has none (the record allocates its own).
    func take() -> RequestRecord.Storage? {
        if blocks.isEmpty { blocks = pool.take() }
        return blocks.popLast()
    }
}

@available(*, unavailable)
extension RecordBlockStash: Sendable {}
