#if canImport(Glibc)
import Glibc
#endif
import HTTPCore

/// The `Date` field value, formatted once per second (RFC 9110 §6.6.1). Confined to one thread.
final class DateCache {
    private var second = -1
    private var text = ""

    var current: String {
        let now = time(nil)
        if now != second {
            second = now
            text = HTTPDate.format(unixSeconds: now)
        }
        return text
    }
}

@available(*, unavailable)
extension DateCache: Sendable {}
