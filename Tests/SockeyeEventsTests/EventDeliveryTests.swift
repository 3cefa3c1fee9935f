import SockeyeEvents
import Synchronization
import Testing

@Suite("Event delivery")
struct EventDeliveryTests {
    private static func chunk(connection: UInt64, sequence: Int, at: UInt64) -> ServerEvent {
        .chunkSent(connection: connection, sequence: sequence, size: 1, at: at)
    }

    private static func order(_ events: [ServerEvent]) -> [String] {
        events.map { "\($0.connection).\($0.timestamp)" }
    }

    /// A sink that writes down what each delivery lent it.
    private final class RecordingSink: EventSink {
        let deliveries = Mutex<[[String]]>([])
        var detail: EventDetail { .full }
        var needsEveryEvent: Bool { true }
        func consume(_ events: Span<ServerEvent>) {
            let seen = (0..<events.count).map { "\(events[$0].connection).\(events[$0].timestamp)" }
            deliveries.withLock { $0.append(seen) }
        }
    }

    @Test("runs from several rings arrive merged by time, each ring's order kept and ties in ring order")
    func mergedAcrossRings() {
        let bus = EventBus(capacity: 12, shards: 3)
        bus.attachConsumer()
        // Connections 0, 1 and 2 go to rings 0, 1 and 2. Connection 1 publishes 5 at time 30 after
        // 40: a ring keeps publishing order even against the clock.
        for (connection, at) in [(0, 10), (1, 10), (2, 5), (0, 20), (1, 40), (1, 30), (2, 20), (2, 50)] {
            bus.publish(Self.chunk(connection: UInt64(connection), sequence: 0, at: UInt64(at)))
        }
        #expect(Self.order(bus.drain()) == ["2.5", "0.10", "1.10", "0.20", "2.20", "1.40", "1.30", "2.50"])
        #expect(bus.drain().isEmpty)
    }

    @Test("a ring drained after it wrapped gives its events oldest first")
    func wrappedRing() {
        let bus = EventBus(capacity: 4, shards: 1)
        bus.attachConsumer(lossless: true)
        for at in 1...3 { bus.publish(Self.chunk(connection: 1, sequence: at, at: UInt64(at))) }
        #expect(Self.order(bus.drain()) == ["1.1", "1.2", "1.3"])
        // The next four start at slot 3 and wrap to slots 0-2.
        for at in 4...7 { bus.publish(Self.chunk(connection: 1, sequence: at, at: UInt64(at))) }
        #expect(Self.order(bus.drain()) == ["1.4", "1.5", "1.6", "1.7"])
    }

    @Test("each delivery lends the sinks exactly the events published since the last one")
    func deliveriesDoNotOverlap() {
        let bus = EventBus(capacity: 64, shards: 2)
        let sink = RecordingSink()
        let pump = EventPump(bus: bus, sinks: [sink])
        bus.publish(Self.chunk(connection: 0, sequence: 1, at: 1))
        bus.publish(Self.chunk(connection: 1, sequence: 1, at: 2))
        pump.deliverBuffered()
        pump.deliverBuffered()
        bus.publish(.connectionOpened(connection: 2, peer: "127.0.0.1:9", at: 3))
        pump.deliverBuffered()
        #expect(sink.deliveries.withLock { $0 } == [["0.1", "1.2"], ["2.3"]])
    }
}
