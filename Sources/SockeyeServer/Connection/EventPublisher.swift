import SockeyeEvents

/// The server core's side of the event bus: exact totals as atomics, history as events (built
/// only when a view is attached, so a headless benchmark pays for counters alone).
struct EventPublisher: Sendable {
    let bus: EventBus
    let counters: ServerCounters
    /// Open connections' live rows, kept only while a view is attached.
    let table: ConnectionTable

    var isObserved: Bool { bus.isObserved }

    func publish(_ event: @autoclosure () -> ServerEvent) {
        if bus.isObserved { bus.publish(event()) }
    }
}
