import SockeyeEvents

/// Keeps one connection's row in the live table current, only while a view shows the table (a
/// headless server pays nothing). A change of state or of the head-of-line queue is reported at
/// once, so a request waiting behind `/slow` shows while it waits; counters at most every 100 ms,
/// since the dashboard draws ten frames a second and a busy connection settles thousands of times.
struct LiveRowReporter {
    private static let interval: UInt64 = 100_000_000
    private var reportedState: ConnectionState?
    private var reportedQueueLength = 0
    private var reportedAt: UInt64 = 0
    /// A report was skipped by the throttle: `deadline` brings the driver back to make it, so an
    /// idle connection's row does not keep the counts of before its last request.
    private var isStale = false

    /// When a skipped report is due.
    var deadline: UInt64? { isStale ? reportedAt &+ Self.interval : nil }

    /// Whether a row in this state is to be reported now; notes the report when it is.
    mutating func shouldReport(state: ConnectionState, queueLength: Int, now: UInt64) -> Bool {
        if state == reportedState && queueLength == reportedQueueLength && now &- reportedAt < Self.interval {
            isStale = true
            return false
        }
        isStale = false
        reportedState = state
        reportedQueueLength = queueLength
        reportedAt = now
        return true
    }
}
