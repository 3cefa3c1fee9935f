#if canImport(Glibc)
import Glibc
#endif
import HTTPCore

/// The `Date` field value, formatted once per second (RFC 9110 §6.6.1). The driver that owns it
/// calls `refresh(monotonicNow:)` as it wakes; connections only read `current`.
/// Confined to one thread.
final class DateCache {
    /// The second `current` shows (Unix time).
    private(set) var second = Int.min
    private(set) var current = ""
    /// The last small response this thread wrote, reusable while `current` holds: it shares the
    /// cache's thread and second.
    let framedResponses = FramedResponseCache()

    /// The monotonic time by which the wall clock's second may have changed.
    private var nextWallReading: UInt64 = 0

    init(unixSeconds: Int) { refresh(unixSeconds: unixSeconds) }

    /// Reads the wall clock only once a new second may have begun since the last reading, so a
    /// busy driver does not read it on every wake-up (a step of the wall clock shows within a second).
    func refresh(monotonicNow: UInt64) {
        guard monotonicNow >= nextWallReading else { return }
        var wall = timespec()
        clock_gettime(CLOCK_REALTIME, &wall)
        refresh(unixSeconds: wall.tv_sec)
        nextWallReading = monotonicNow &+ UInt64(1_000_000_000 - wall.tv_nsec)
    }

    func refresh(unixSeconds: Int) {
        guard unixSeconds != second else { return }
        second = unixSeconds
        current = HTTPDate.format(unixSeconds: unixSeconds)
    }
}

@available(*, unavailable)
extension DateCache: Sendable {}
