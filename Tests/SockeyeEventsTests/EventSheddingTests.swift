import SockeyeEvents
import Testing

@Suite("Event bus shedding")
struct EventSheddingTests {
    private static func event(_ sequence: Int) -> ServerEvent {
        .chunkSent(connection: 1, sequence: sequence, size: 1, at: UInt64(sequence))
    }

    @Test("a lagging sampling view: once a ring overflows, events are not built until it drains; all counted as dropped")
    func shedsUntilDrained() {
        let bus = EventBus(capacity: 4, shards: 1)
        bus.attachConsumer(detail: .full, lossless: false)
        let batch = EventBatch(bus: bus, ring: 0)
        for sequence in 0..<5 { batch.append(unlessShedding: { Self.event(sequence) }) }
        #expect(!bus.isShedding, "not before the ring has overflowed")
        batch.flush()
        #expect(bus.isShedding, "five events into four slots overwrote one")
        var built = 0
        for sequence in 5..<15 { batch.append(unlessShedding: { built += 1; return Self.event(sequence) }) }
        #expect(built == 0, "nothing is built while shedding")
        batch.flush()
        let drained = bus.drain()
        #expect(drained.map(\.timestamp) == [1, 2, 3, 4], "the newest before the overflow")
        #expect(bus.droppedCount == 11, "1 overwritten + 10 not built")
        #expect(!bus.isShedding, "a drain ends it")
        batch.append(unlessShedding: { Self.event(15) })
        batch.flush()
        #expect(bus.drain().map(\.timestamp) == [15])
    }

    @Test("with a lossless consumer attached nothing is shed: producers wait instead")
    func losslessNeverSheds() {
        let bus = EventBus(capacity: 4, shards: 1)
        bus.attachConsumer(detail: .full, lossless: true)
        let batch = EventBatch(bus: bus, ring: 0)
        for sequence in 0..<4 { batch.append(unlessShedding: { Self.event(sequence) }) }
        batch.flush()
        #expect(!bus.isShedding && bus.drain().count == 4 && bus.droppedCount == 0)
    }
}
