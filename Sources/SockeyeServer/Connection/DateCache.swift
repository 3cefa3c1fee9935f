import HTTPCore

/// The `Date` field value, formatted once per second (RFC 9110 §6.6.1). The driver that owns it
/// reads the wall clock and calls `refresh` as it wakes; connections only read `current`.
/// Confined to one thread.
final class DateCache {
    /// The second `current` shows (Unix time).
    private(set) var second = Int.min
    private(set) var current = ""
    /// The last small response this thread wrote, reusable while `current` holds: it shares the
    /// cache's thread and second.
    let framedResponses = FramedResponseCache()

    init(unixSeconds: Int) { refresh(unixSeconds: unixSeconds) }

    func refresh(unixSeconds: Int) {
        guard unixSeconds != second else { return }
        second = unixSeconds
        current = HTTPDate.format(unixSeconds: unixSeconds)
    }
}

@available(*, unavailable)
extension DateCache: Sendable {}
