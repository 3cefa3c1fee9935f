import SockeyeServer
import Synchronization

/// One `/events` reader: the lines the feed delivered that its connection has not taken yet.
/// The connection takes them every `interval` while the client keeps up; when a slow client lets
/// more than `maxPendingBytes` pile up, the reader is cut off with a last `{"type":"lagged"}`
/// line, so one slow reader costs a bounded buffer and never slows the server.
final class EventSubscription: BodyStream {
    private struct State {
        var pending: [UInt8]
        var lagged = false
    }

    static let maxPendingBytes = 4 * 1024 * 1024
    static let laggedLine = Array("{\"type\":\"lagged\"}\n".utf8)
    /// The pump delivers every 50 ms; asking as often sends each batch as it arrives.
    let interval: UInt64 = 50_000_000
    /// Strong: the feed holds this subscription only until `cancel`, which breaks the cycle.
    private let feed: EventFeed
    private let state: Mutex<State>

    init(feed: EventFeed, backlog: [UInt8]) {
        self.feed = feed
        state = Mutex(State(pending: backlog))
    }

    /// The feed's thread: a batch of lines.
    func deliver(_ lines: [UInt8]) {
        state.withLock { state in
            guard !state.lagged, !lines.isEmpty else { return }
            if state.pending.count + lines.count > Self.maxPendingBytes {
                state.lagged = true
                state.pending = []
            } else {
                state.pending += lines
            }
        }
    }

    func next(accepting: Bool) -> (bytes: [UInt8], isLast: Bool) {
        let (bytes, lagged) = state.withLock { state -> ([UInt8], Bool) in
            if state.lagged { return (Self.laggedLine, true) }
            guard accepting else { return ([], false) }
            defer { state.pending = [] }
            return (state.pending, false)
        }
        if lagged { cancel() }
        return (bytes, lagged)
    }

    func cancel() {
        feed.unsubscribe(self)
    }
}
