import HTTPCore
@testable import SockeyeEvents
import Synchronization
import Testing

@Suite("Record blocks reused after delivery")
struct RecordBlocksTests {
    /// A view that keeps the records whose sequence `keeps` picks, as the dashboard keeps recent ones.
    private final class KeepingSink: EventSink {
        let kept = Mutex<[RequestRecord]>([])
        let keeps: @Sendable (Int) -> Bool
        init(keeps: @escaping @Sendable (Int) -> Bool) { self.keeps = keeps }
        var detail: EventDetail { .summary }
        var needsEveryEvent: Bool { true }
        func consume(_ events: Span<ServerEvent>) {
            for index in events.indices {
                guard case .requestCompleted(let record) = events[index], keeps(record.sequence) else { continue }
                kept.withLock { $0.append(record) }
            }
        }
    }

    private static func record(_ sequence: Int, target: String, from batch: EventBatch) -> RequestRecord {
        let head = try! RequestHead(parsing: "GET \(target) HTTP/1.1\r\nHost: x\r\nUser-Agent: test/\(sequence)\r\n\r\n")
        return RequestRecord(connection: 1, sequence: sequence, head: head, status: 200, bytesIn: 0, bytesOut: 10,
                             chunked: false, headAt: 0, startedAt: 0, finishedAt: UInt64(sequence), wait: 0,
                             blockedBy: nil, peer: "127.0.0.1:4000", blocks: batch.recordBlocks)
    }

    /// Publishes and delivers `records`, letting go of the caller's references first.
    private static func deliver(_ records: inout [RequestRecord], through batch: EventBatch, pump: EventPump) {
        for record in records { batch.append(.requestCompleted(record)) }
        records.removeAll()
        batch.flush()
        pump.deliverBuffered()
    }

    @Test("a block no view kept goes to a later record; a kept record's block is never written again")
    func keptRecordsStayIntact() {
        let bus = EventBus(capacity: 64, shards: 1)
        let sink = KeepingSink(keeps: { $0 % 2 == 1 })
        let pump = EventPump(bus: bus, sinks: [sink])
        let batch = EventBatch(bus: bus, ring: 0)
        var first = (1...4).map { Self.record($0, target: "/first/\($0)", from: batch) }
        let blocks = first.map { ObjectIdentifier($0.storage) }
        Self.deliver(&first, through: batch, pump: pump)

        let second = (5...8).map { Self.record($0, target: "/second/\($0)", from: batch) }
        let reused = Set(second.map { ObjectIdentifier($0.storage) }).intersection(blocks)
        #expect(reused == [blocks[1], blocks[3]], "the blocks of 2 and 4, which no view kept, and only those")
        #expect(second.map(\.target) == ["/second/5", "/second/6", "/second/7", "/second/8"])
        #expect(second.map { $0.string(.userAgent) } == ["test/5", "test/6", "test/7", "test/8"])
        let kept = sink.kept.withLock { $0 }
        #expect(kept.map(\.target) == ["/first/1", "/first/3"], "kept records read as they were made")
        #expect(kept.map { $0.string(.userAgent) } == ["test/1", "test/3"])
        #expect(kept.map(\.sequence) == [1, 3] && kept.map(\.finishedAt) == [1, 3])
    }

    @Test("a block too small for the next record's texts is not reused for it")
    func smallBlocksAreNotOverfilled() {
        let bus = EventBus(capacity: 64, shards: 1)
        let pump = EventPump(bus: bus, sinks: [KeepingSink(keeps: { _ in false })])
        let batch = EventBatch(bus: bus, ring: 0)
        var small = [Self.record(1, target: "/", from: batch)]
        let block = ObjectIdentifier(small[0].storage)
        Self.deliver(&small, through: batch, pump: pump)
        let longer = "/" + String(repeating: "b", count: 200)
        let next = Self.record(2, target: longer, from: batch)
        #expect(ObjectIdentifier(next.storage) != block, "a 200-byte target does not fit a block made for `/`")
        #expect(next.target == longer && next.string(.userAgent) == "test/2" && next.peer == "127.0.0.1:4000")
    }

    @Test("a record whose texts exceed a pooled block's room is freed, not pooled")
    func largeRecordsAreNotPooled() {
        let bus = EventBus(capacity: 64, shards: 1)
        let pump = EventPump(bus: bus, sinks: [KeepingSink(keeps: { _ in false })])
        let batch = EventBatch(bus: bus, ring: 0)
        let long = "/" + String(repeating: "a", count: RequestRecord.pooledTextCapacity)
        var large = [Self.record(1, target: long, from: batch)]
        Self.deliver(&large, through: batch, pump: pump)
        #expect(batch.recordBlocks.take() == nil, "nothing came back to the pool")
    }
}
