import Foundation
import SockeyeEvents
import Synchronization
import Testing

/// State the producer and consumer tasks share.
private final class Shared: Sendable {
    let done = Atomic<Int>(0)
    let received = Atomic<Int>(0)
    let collected = Mutex<[ServerEvent]>([])
}

private func event(connection: UInt64, sequence: Int) -> ServerEvent {
    .chunkSent(connection: connection, sequence: sequence, size: 1, at: MonotonicClock.now())
}

@Suite("Event bus")
struct EventBusTests {
    @Test("concurrent producers: nothing lost when the consumer keeps up, per-connection order kept")
    func concurrentProducers() async {
        let bus = EventBus(capacity: 1 << 20, shards: 8)
        bus.attachConsumer()
        let producers = 4, perProducer = 20_000
        let shared = Shared()
        await withTaskGroup(of: Void.self) { group in
            for producer in 0..<producers {
                group.addTask {
                    // Each producer owns three connections, like a loop thread owning its sockets.
                    for index in 0..<perProducer {
                        bus.publish(event(connection: UInt64(producer * 3 + index % 3), sequence: index))
                    }
                    shared.done.add(1, ordering: .relaxed)
                }
            }
            group.addTask {
                while shared.done.load(ordering: .relaxed) < producers {
                    let batch = bus.drain()
                    shared.collected.withLock { $0 += batch }
                }
                let batch = bus.drain()
                shared.collected.withLock { $0 += batch }
            }
        }
        let events = shared.collected.withLock { $0 }
        #expect(events.count == producers * perProducer)
        #expect(bus.droppedCount == 0)
        var lastSequence: [UInt64: Int] = [:]
        var ordered = true
        for case .chunkSent(let connection, let sequence, _, _) in events {
            if let last = lastSequence[connection], last >= sequence { ordered = false }
            lastSequence[connection] = sequence
        }
        #expect(ordered, "a connection's events must arrive in publishing order")
    }

    @Test("a lagging consumer loses the oldest events and the loss is counted")
    func dropsOldest() {
        let bus = EventBus(capacity: 64, shards: 1)
        bus.attachConsumer()
        for index in 0..<1000 { bus.publish(event(connection: 1, sequence: index)) }
        let events = bus.drain()
        #expect(events.count == 64)
        #expect(bus.droppedCount == 936)
        guard case .chunkSent(_, let first, _, _)? = events.first else { Issue.record("wrong event"); return }
        #expect(first == 936, "the newest events survive")
    }

    @Test("publishing without a consumer costs nothing and keeps nothing")
    func unobserved() {
        let bus = EventBus(capacity: 64, shards: 1)
        bus.publish(event(connection: 1, sequence: 1))
        #expect(bus.detail == .none)
        #expect(bus.drain().isEmpty)
    }

    @Test("concurrent producers with drops: received + dropped = published, counters stay exact")
    func dropsUnderConcurrency() async {
        let bus = EventBus(capacity: 256, shards: 4)
        bus.attachConsumer()
        let counters = ServerCounters()
        let shared = Shared()
        await withTaskGroup(of: Void.self) { group in
            for producer in 0..<4 {
                group.addTask {
                    for index in 0..<50_000 {
                        counters.requests.add(1, ordering: .relaxed)
                        bus.publish(event(connection: UInt64(producer), sequence: index))
                    }
                    shared.done.add(1, ordering: .relaxed)
                }
            }
            group.addTask {
                while shared.done.load(ordering: .relaxed) < 4 {
                    shared.received.add(bus.drain().count, ordering: .relaxed)
                    usleep(1000)
                }
                shared.received.add(bus.drain().count, ordering: .relaxed)
            }
        }
        #expect(shared.received.load(ordering: .relaxed) + bus.droppedCount == 200_000)
        #expect(bus.droppedCount > 0)
        #expect(counters.requests.load(ordering: .relaxed) == 200_000)
    }

    @Test("a lossless consumer loses nothing: producers wait for a slow consumer, each connection's order kept")
    func losslessBackPressure() {
        // Real threads, not tasks: a producer waiting for room must not hold the consumer's thread.
        let bus = EventBus(capacity: 256, shards: 4)
        bus.attachConsumer(lossless: true)
        let producers = 4, perProducer = 20_000
        let shared = Shared()
        let finished = DispatchGroup()
        for producer in 0..<producers {
            finished.enter()
            Thread {
                for index in 0..<perProducer { bus.publish(event(connection: UInt64(producer), sequence: index)) }
                shared.done.add(1, ordering: .relaxed)
                finished.leave()
            }.start()
        }
        var collected: [ServerEvent] = []
        let deadline = Date().addingTimeInterval(60)
        while shared.done.load(ordering: .relaxed) < producers && Date() < deadline {
            bus.waitForEvents(milliseconds: 5)
            collected += bus.drain()
            usleep(2000)  // a consumer slower than its producers
        }
        #expect(finished.wait(timeout: .now() + 10) == .success)
        collected += bus.drain()
        #expect(collected.count == producers * perProducer)
        #expect(bus.droppedCount == 0)
        var next: [UInt64: Int] = [:]
        var ordered = true
        for case .chunkSent(let connection, let sequence, _, _) in collected {
            if sequence != next[connection, default: 0] { ordered = false }
            next[connection] = sequence + 1
        }
        #expect(ordered, "every event of a connection, in publishing order")
    }
}
