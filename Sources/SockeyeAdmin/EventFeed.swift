import SockeyeEvents
import SockeyeLog
import SockeyeText
import Synchronization

/// The admin's view of the event stream: keeps the last events for `?since=N` and hands each
/// batch, as JSON lines (the `--log-format json` schema), to every `/events` reader. A lossy
/// consumer: a reader that falls behind is cut off (see `EventSubscription`), never waited for.
public final class EventFeed: EventSink {
    private struct State {
        var recent = BoundedHistory<ServerEvent>(capacity: EventFeed.recentLimit)
        var subscribers: [ObjectIdentifier: EventSubscription] = [:]
        var droppedSeen = 0
    }

    /// The most events `?since=` can replay.
    public static let recentLimit = 10_000
    private let formatter: LogFormatter
    private let bus: EventBus
    private let state = Mutex(State())

    public init(bus: EventBus, formatter: LogFormatter = LogFormatter(format: .json)) {
        self.bus = bus
        self.formatter = formatter
    }

    public var detail: EventDetail { .full }
    public var needsEveryEvent: Bool { false }

    public func consume(_ events: Span<ServerEvent>) {
        let events = (0..<events.count).map { events[$0] }
        state.withLock { state in
            for event in events { state.recent.append(event) }
            let dropped = bus.droppedCount
            defer { state.droppedSeen = dropped }
            guard !state.subscribers.isEmpty else { return }
            var lines: [UInt8] = []
            if dropped > state.droppedSeen {
                // The bus lost events before this batch (the server outran its views): say how many.
                var object = JSONObjectWriter()
                object.add("type", "dropped")
                object.add("events", dropped - state.droppedSeen)
                lines = Array((object.json + "\n").utf8)
            }
            lines += jsonLines(events[...])
            for subscriber in state.subscribers.values { subscriber.deliver(lines) }
        }
    }

    /// A new reader, starting with the last `since` events (at most `recentLimit`).
    func subscribe(since: Int) -> EventSubscription {
        state.withLock { state in
            let backlog = since > 0 ? jsonLines(state.recent.elements.suffix(since)) : []
            let subscriber = EventSubscription(feed: self, backlog: backlog)
            state.subscribers[ObjectIdentifier(subscriber)] = subscriber
            return subscriber
        }
    }

    func unsubscribe(_ subscriber: EventSubscription) {
        _ = state.withLock { $0.subscribers.removeValue(forKey: ObjectIdentifier(subscriber)) }
    }

    var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    private func jsonLines(_ events: ArraySlice<ServerEvent>) -> [UInt8] {
        var bytes: [UInt8] = []
        for event in events {
            guard let line = formatter.line(for: event) else { continue }
            bytes += line.utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }
}
