#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The bounded, multi-producer event bus between the server core and its views.
///
/// Producers publish into one of several rings: a server thread's batches into its own ring, a
/// single event into its connection's. All of one connection's events go into one ring, so they
/// stay in order, and producers on different threads rarely meet on a lock. Publishing is O(1).
/// What happens when a ring is full depends on the consumers attached: for a view that only
/// samples history (the dashboard) the oldest event is dropped and counted, never blocking the
/// server; for one that must see every event (the access log, a record) the producer waits for
/// the consumer, so the server slows to the rate its log can be written rather than losing lines.
/// Exact totals live in `ServerCounters` either way.
public final class EventBus: Sendable {
    private let rings: [EventRing]
    private let droppedTotal = Atomic<Int>(0)
    /// The most detail any attached consumer wants; with none attached, nothing is published.
    private let detailLevel = Atomic<Int>(EventDetail.none.rawValue)
    private let lossless = Atomic<Bool>(false)
    /// A lossy ring reached `sampledBacklog` since the consumer last drained: producers stop
    /// building events until it has (see `isShedding`).
    private let shedding = Atomic<Bool>(false)
    /// How far behind a sampling consumer may fall, per ring, before producers shed: a dashboard
    /// shows the last 200 requests, so events beyond these would be built only to be thrown away.
    private let sampledBacklog: Int
    private let doorbell = Doorbell()
    /// Run by a producer that finds its ring full while a lossless consumer is attached.
    private let relief = Mutex(WeakRelief())
    /// Completed requests' record blocks, handed back by the consumer for producers to reuse.
    let recordBlocks = RecordBlockPool()

    /// - Parameter sampledBacklog: see `isShedding`; at most a ring's capacity.
    public init(capacity: Int = 65_536, shards: Int = 8, sampledBacklog: Int = 512) {
        let perShard = max(1, capacity / shards)
        rings = (0..<shards).map { _ in EventRing(capacity: perShard) }
        self.sampledBacklog = min(perShard, sampledBacklog)
    }

    /// The detail producers should publish; they skip building events nobody wants.
    public var detail: EventDetail { EventDetail(rawValue: detailLevel.load(ordering: .relaxed)) ?? .none }

    /// Only sampling consumers are attached and one ring holds `sampledBacklog` events they have not
    /// taken: they are not keeping up, and an event built now would most likely be thrown away
    /// unseen. Producers skip building events (counting them as dropped,
    /// `countShed`) until the consumer drains, so a lagging view costs the server no more than a
    /// load per event. Never true with a lossless consumer attached: that one is waited for.
    public var isShedding: Bool { shedding.load(ordering: .relaxed) }

    /// Events a producer did not build while shedding: dropped, like those a full ring overwrites.
    public func countShed(_ count: Int) {
        droppedTotal.add(count, ordering: .relaxed)
    }

    /// - Parameter lossless: the consumer must see every event; producers wait rather than drop.
    public func attachConsumer(detail: EventDetail = .full, lossless: Bool = false) {
        if lossless { self.lossless.store(true, ordering: .relaxed) }
        var current = detailLevel.load(ordering: .relaxed)
        while current < detail.rawValue {
            let (exchanged, original) = detailLevel.compareExchange(
                expected: current, desired: detail.rawValue, ordering: .relaxed)
            if exchanged { break }
            current = original
        }
    }

    /// Who a producer facing a full ring asks to make room, when a lossless consumer is attached:
    /// it delivers the buffered events on the producer's thread (see `EventPump`). Held weakly.
    /// (A protocol, not a stored closure: Swift 6.3 miscompiled a `Mutex`-held closure's
    /// reabstraction thunk into endless recursion in a variant of this.)
    public func relieveWhenFull(_ relieving: any FullRingRelief) {
        relief.withLock { $0.target = relieving }
    }

    /// A full ring under a lossless consumer: make room by draining it on this thread, or, with
    /// nobody to do that, wake the consumer and give it a moment.
    private func waitForRoom() {
        if let relieving = relief.withLock({ $0.target }) {
            relieving.deliverBuffered()
        } else {
            doorbell.ring()
            usleep(100)
        }
    }

    public func publish(_ event: consuming ServerEvent) {
        let ring = ring(for: event.connection)
        // Moved through an optional: a closure cannot consume what it captures.
        var pending = Optional(event)
        withUnsafeTemporaryAllocation(of: ServerEvent.self, capacity: 1) { single in
            single.initializeElement(at: 0, to: pending.take()!)
            publish(batch: single, into: rings[ring])
        }
    }

    /// The ring a single event of `connection` goes into.
    public func ring(for connection: UInt64) -> Int { Int(connection % UInt64(rings.count)) }

    /// The ring a thread's batches go into (see `EventBatch`): any number, it wraps.
    func ring(at index: Int) -> EventRing { rings[index % rings.count] }

    /// Publishes a thread's batch into its ring, in order, moving the events out: `batch`'s memory
    /// is left uninitialized.
    func publish(batch: UnsafeMutableBufferPointer<ServerEvent>, into ring: EventRing) {
        guard detail != .none else {
            _ = batch.deinitialize()
            return
        }
        let dropOldest = !lossless.load(ordering: .relaxed)
        var start = 0
        while true {
            let (stoppedAt, halfFull, backlog) = ring.publish(batch: batch, from: start, dropOldest: dropOldest)
            if halfFull { doorbell.ring() }
            if dropOldest && backlog >= sampledBacklog { startShedding() }
            guard let stoppedAt else { break }
            // Lossless and full: back-pressure.
            start = stoppedAt
            waitForRoom()
        }
    }

    /// Wakes the consumer as producers start shedding: what it has not taken is all it will get.
    private func startShedding() {
        guard !shedding.load(ordering: .relaxed) else { return }
        shedding.store(true, ordering: .relaxed)
        doorbell.ring()
    }

    /// Sleeps until a ring fills past half or `milliseconds` pass (the consumer's side).
    public func waitForEvents(milliseconds: Int32) {
        doorbell.wait(milliseconds: milliseconds)
    }

    /// Takes every buffered event: the rings' runs merged by timestamp. A merge never reorders a
    /// run, so each connection's events (one ring, publishing order) arrive exactly as published.
    public func drain() -> [ServerEvent] {
        var buffer = EventBuffer(capacity: 16)
        drain(into: &buffer)
        return buffer.takeAll()
    }

    /// The same, moved into `buffer` after what it holds (the pump's, reused from drain to drain).
    func drain(into buffer: inout EventBuffer) {
        let first = buffer.count
        // Where each ring's run ends in the buffer; one busy ring (one event loop) is the common
        // case, and its run is the answer as it lies.
        var runEnds: [Int] = []
        var dropped = 0
        // Cleared before the rings are emptied: an overflow while draining sets it again.
        shedding.store(false, ordering: .relaxed)
        for ring in rings {
            let before = buffer.count
            dropped += ring.drain(into: &buffer)
            if buffer.count > before { runEnds.append(buffer.count) }
        }
        if dropped > 0 { droppedTotal.add(dropped, ordering: .relaxed) }
        guard runEnds.count > 1 else { return }
        buffer.withEvents { events in Self.merge(UnsafeMutableBufferPointer(rebasing: events[first...]), runEnds: runEnds.map { $0 - first }) }
    }

    /// Reorders `events`, runs ending at `runEnds` each in timestamp order, into one run by
    /// timestamp; on a tie the earlier run goes first. Moves, never copies.
    private static func merge(_ events: UnsafeMutableBufferPointer<ServerEvent>, runEnds: [Int]) {
        let merged = UnsafeMutablePointer<ServerEvent>.allocate(capacity: events.count)
        defer { merged.deallocate() }
        var next = [0] + runEnds.dropLast()
        var heads = next.map { events[$0].timestamp }
        for position in 0..<events.count {
            var earliest = 0
            for run in 1..<runEnds.count where heads[run] < heads[earliest] { earliest = run }
            (merged + position).initialize(to: events.moveElement(from: next[earliest]))
            next[earliest] += 1
            heads[earliest] = next[earliest] < runEnds[earliest] ? events[next[earliest]].timestamp : .max
        }
        events.baseAddress!.moveInitialize(from: merged, count: events.count)
    }

    /// Events lost because a consumer lagged, since start.
    public var droppedCount: Int { droppedTotal.load(ordering: .relaxed) }
}

/// Makes room in the bus's rings for a lossless consumer (the event pump).
public protocol FullRingRelief: AnyObject, Sendable {
    /// Delivers what the bus holds now, on the calling thread.
    func deliverBuffered()
}

private struct WeakRelief {
    weak var target: (any FullRingRelief)?
}
