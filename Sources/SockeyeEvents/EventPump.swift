#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The one thread that drains the bus and hands each batch to every sink, every 50 ms (so a log
/// is flushed well within 100 ms) or sooner when a ring fills past half. Sinks never run on a
/// server thread.
public final class EventPump: Sendable {
    private let bus: EventBus
    private let sinks: [any EventSink]
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    public static let intervalMilliseconds: Int32 = 50

    public init(bus: EventBus, sinks: [any EventSink]) {
        self.bus = bus
        self.sinks = sinks
        bus.attachConsumer(detail: sinks.map(\.detail).max() ?? .none, lossless: sinks.contains { $0.needsEveryEvent })
    }

    /// Runs on the calling thread until `stop()`; the last batch is delivered before it returns.
    public func run() {
        var reportedDrops = 0
        while true {
            let stopping = stopRequested.load(ordering: .acquiring)
            pumpOnce(reportedDrops: &reportedDrops)
            if stopping { break }
            bus.waitForEvents(milliseconds: Self.intervalMilliseconds)
        }
        finished.store(true, ordering: .releasing)
    }

    /// Asks the loop to deliver what is left and return; waits up to two seconds for it.
    public func stop() {
        stopRequested.store(true, ordering: .releasing)
        for _ in 0..<200 where !finished.load(ordering: .acquiring) { usleep(10_000) }
    }

    private func pumpOnce(reportedDrops: inout Int) {
        let events = bus.drain()
        let drops = bus.droppedCount
        let newDrops = drops - reportedDrops
        reportedDrops = drops
        guard !events.isEmpty || newDrops > 0 else { return }
        for sink in sinks { sink.consume(events, dropped: newDrops) }
    }
}
