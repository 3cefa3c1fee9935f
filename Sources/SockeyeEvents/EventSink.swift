/// A consumer of the event stream (the log, the statistics). Called on the pump's thread only.
public protocol EventSink: AnyObject, Sendable {
    /// `dropped` counts events lost since the previous call because consumers lagged.
    func consume(_ events: [ServerEvent], dropped: Int)
}
