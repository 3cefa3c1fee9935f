import SockeyeEvents

/// One server thread's side of the event bus: exact totals as atomics, history as events (built
/// only when a view wants them, so a headless benchmark pays for counters alone), staged in the
/// thread's batch until its driver flushes it.
///
/// A class: as a struct of four references in the connection, each publish retained and
/// released all four around the check whether anyone wants the event.
final class EventPublisher {
    let bus: EventBus
    let counters: ServerCounters
    /// Open connections' live rows, kept only while a view that shows them is attached.
    let table: ConnectionTable
    let batch: EventBatch

    init(bus: EventBus, counters: ServerCounters, table: ConnectionTable, batch: EventBatch) {
        self.bus = bus
        self.counters = counters
        self.table = table
        self.batch = batch
    }

    /// The inspector's heads are kept for a request: a view shows the table, and the request's
    /// events are being built (a request shed from the events could not be inspected anyway).
    var keepsHeads: Bool { table.isEnabled && !bus.isShedding }

    /// Someone wants connection and request summaries.
    var isObserved: Bool {
        @inline(__always) get { bus.detail >= .summary }
    }

    /// Someone wants every step (heads, response starts, chunks). The request path asks this
    /// before `publishDetail`: asked inside it, the compiler still retained the publisher and
    /// built the event's closure context on every request, wanted or not.
    var wantsEveryStep: Bool {
        @inline(__always) get { bus.detail == .full }
    }

    /// One event per connection change or finished request. Inlined, as `publishDetail` is, so
    /// asking whether anyone wants the event costs no call.
    @inline(__always)
    func publish(_ event: @autoclosure () -> ServerEvent) {
        if isObserved { batch.append(unlessShedding: event) }
    }

    /// A summary already built (a completed request's record), for callers that asked
    /// `isObserved` before building it: it moves into the batch instead of being captured by a
    /// closure, and is not asked again.
    @inline(__always)
    func publish(built event: consuming ServerEvent) {
        batch.append(unlessShedding: event)
    }

    /// Heads, response starts and chunks: only for consumers that show every step.
    @inline(__always)
    func publishDetail(_ event: @autoclosure () -> ServerEvent) {
        if wantsEveryStep { batch.append(unlessShedding: event) }
    }
}

@available(*, unavailable)
extension EventPublisher: Sendable {}
