import Synchronization

/// Request records' heap blocks, used again. A record is made on a server thread and let go on the
/// views' thread, so each one cost a trip through malloc's slow paths on both sides (the
/// allocating thread's cache is always empty, the freeing thread's always full) — more than
/// formatting its log line. Instead the consumer hands back every block no view kept
/// (`reclaim(moving:)`), in chunks, and producers take a chunk at a time (`RecordBlockStash`).
///
/// Bounded: at most `maxChunks` chunks of `chunkSize` blocks wait here; any more are freed. Only
/// blocks with room for at most `RequestRecord.pooledTextCapacity` text bytes come back, so each
/// is small.
public final class RecordBlockPool: Sendable {
    static let chunkSize = 32
    static let maxChunks = 32
    /// Chunks waiting to be taken, and emptied ones waiting to be filled again: a chunk is
    /// allocated once, not once per 32 requests.
    private struct Chunks {
        var full: [BlockChunk] = []
        var empty: [BlockChunk] = []
    }
    private let chunks = Mutex(Chunks())

    public init() {}

    /// After every view has seen `events`: moves each one out of its memory, which is left
    /// uninitialized, keeping the block of each completed request's record that no view kept and
    /// destroying the rest.
    func reclaim(moving events: UnsafeMutableBufferPointer<ServerEvent>) {
        var chunk: BlockChunk?
        for index in events.indices {
            // Moved, not copied: the events let go of the record first, so a block no view kept
            // has one reference, this one.
            guard case .requestCompleted(let record) = events.moveElement(from: index),
                  let block = (consume record).reusableBlock() else { continue }
            let filling = chunk ?? emptyChunk()
            filling.push(block)
            if filling.isFull {
                give(filling)
                chunk = nil
            } else {
                chunk = filling
            }
        }
        if let chunk { give(chunk) }
    }

    /// A chunk of blocks, or nil when none wait; `emptied`, a chunk its taker used up, is kept
    /// for the consumer to fill again.
    func take(returning emptied: consuming BlockChunk?) -> BlockChunk? {
        chunks.withLock { chunks in
            if let emptied, chunks.empty.count < Self.maxChunks { chunks.empty.append(emptied) }
            return chunks.full.popLast()
        }
    }

    private func emptyChunk() -> BlockChunk {
        chunks.withLock { $0.empty.popLast() } ?? BlockChunk()
    }

    private func give(_ chunk: BlockChunk) {
        chunks.withLock { chunks in
            if chunks.full.count < Self.maxChunks { chunks.full.append(chunk) }
        }
    }

}

/// Up to `RecordBlockPool.chunkSize` blocks no record uses, in raw memory: pushing and popping
/// are a store and a count, where an array checked its uniqueness and capacity each time. Passed
/// between threads whole and used by one at a time (filled by the consumer, then emptied by one
/// producer's stash), and nothing else holds a reference to its blocks (see
/// `RequestRecord.reusableBlock()`): hence `@unchecked Sendable`.
final class BlockChunk: @unchecked Sendable {
    private let slots = UnsafeMutablePointer<RequestRecord.Storage>.allocate(capacity: RecordBlockPool.chunkSize)
    private(set) var count = 0

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    var isFull: Bool { count == RecordBlockPool.chunkSize }

    func push(_ block: consuming RequestRecord.Storage) {
        precondition(!isFull, "a block chunk holds \(RecordBlockPool.chunkSize)")
        (slots + count).initialize(to: block)
        count += 1
    }

    func pop() -> RequestRecord.Storage? {
        guard count > 0 else { return nil }
        count -= 1
        return (slots + count).move()
    }
}

/// One server thread's blocks from the pool: refilled a chunk at a time, so taking a block is a
/// pop, not a lock. Owned by the thread's `EventBatch`.
public final class RecordBlockStash {
    private let pool: RecordBlockPool
    private var blocks: BlockChunk?

    init(pool: RecordBlockPool) {
        self.pool = pool
    }

    /// A block no record uses, or nil when the pool has none (the record allocates its own).
    func take() -> RequestRecord.Storage? {
        if let block = blocks?.pop() { return block }
        blocks = pool.take(returning: blocks.take())
        return blocks?.pop()
    }
}

@available(*, unavailable)
extension RecordBlockStash: Sendable {}
