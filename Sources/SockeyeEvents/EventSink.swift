/// How much of the event stream a consumer needs; producers build only what someone wants.
public enum EventDetail: Int, Sendable, Comparable {
    case none = 0
    /// Connections opened and closed, requests completed and rejected: one event per request.
    case summary = 1
    /// Also request heads, response starts (with their waits) and chunks.
    case full = 2

    public static func < (lhs: EventDetail, rhs: EventDetail) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A consumer of the event stream (the log, the statistics). Called by one thread at a time, in
/// order: the pump's, or a server thread delivering for a lossless consumer (see `EventPump`).
public protocol EventSink: AnyObject, Sendable {
    var detail: EventDetail { get }
    /// True for a record that must not lose a line (a log): producers then wait rather than drop.
    var needsEveryEvent: Bool { get }
    /// A lossy consumer learns of drops from `EventBus.droppedCount`; a lossless one never has any.
    /// The events are lent, in place, for the call: a sink copies the ones it keeps.
    func consume(_ events: Span<ServerEvent>)
}
