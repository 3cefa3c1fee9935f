#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Drains the bus and hands each batch to every sink: on its own thread every 50 ms (so a log is
/// flushed well within 100 ms) or sooner when a ring fills past half; and, for a lossless consumer,
/// on a server thread that finds a ring full. That server thread would otherwise have to wait for
/// the pump's thread, which the scheduler may starve (one thread among hundreds in the thread
/// model), so it does the pump's work itself and the log gets CPU in proportion to the load.
public final class EventPump: FullRingRelief {
    private let bus: EventBus
    private let sinks: [any EventSink]
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    /// Held while a batch is delivered, so batches reach the sinks one at a time and in order;
    /// it guards the buffer the events are delivered from.
    private let delivery = Mutex(EventBuffer())
    public static let intervalMilliseconds: Int32 = 50

    public init(bus: EventBus, sinks: [any EventSink]) {
        self.bus = bus
        self.sinks = sinks
        let lossless = sinks.contains { $0.needsEveryEvent }
        bus.attachConsumer(detail: sinks.map(\.detail).max() ?? .none, lossless: lossless)
        if lossless { bus.relieveWhenFull(self) }
    }

    /// Runs on the calling thread until `stop()`; the last batch is delivered before it returns.
    /// With only lossy sinks (views that sample history) the thread runs at the lowest priority: on
    /// a saturated core the server's threads come first and the views see fewer events (counted as
    /// dropped), never a slower server. A lossless sink keeps the normal priority, so its lines are
    /// flushed on time; under overload the server's threads deliver for it anyway.
    ///
    /// Sampling sinks are served every 50 ms and no sooner: what the producers built in between
    /// (at most the bus's sampled backlog per ring, see `EventBus.isShedding`) is what the views
    /// get, so a busy server builds a bounded number of events per second for them.
    public func run() {
        let lossless = sinks.contains(where: { $0.needsEveryEvent })
        if !lossless {
            // Linux: PRIO_PROCESS with 0 is the calling thread alone.
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        }
        while true {
            let stopping = stopRequested.load(ordering: .acquiring)
            deliverBuffered()
            if stopping { break }
            if lossless {
                bus.waitForEvents(milliseconds: Self.intervalMilliseconds)
            } else {
                usleep(UInt32(Self.intervalMilliseconds) * 1000)
            }
        }
        finished.store(true, ordering: .releasing)
    }

    /// Asks the loop to deliver what is left and return; waits up to two seconds for it.
    public func stop() {
        stopRequested.store(true, ordering: .releasing)
        for _ in 0..<200 where !finished.load(ordering: .acquiring) { usleep(10_000) }
    }

    /// Delivers what the bus holds now.
    public func deliverBuffered() {
        delivery.withLock { events in
            bus.drain(into: &events)
            guard !events.isEmpty else { return }
            events.withSpan { events in
                for sink in sinks { sink.consume(events) }
            }
            events.empty(reclaimingInto: bus.recordBlocks)
        }
    }
}
