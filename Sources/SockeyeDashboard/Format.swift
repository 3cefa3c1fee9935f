/// Compact values for narrow columns. Durations, ages and byte counts are at most `valueWidth`
/// characters, so a column that wide always shows them whole.
enum Format {
    static let valueWidth = 5

    /// `850µs`, `9.9ms`, `120ms`, `2.9s`, `59.9s`, then whole units as `age` gives them.
    static func duration(_ nanoseconds: UInt64) -> String {
        switch nanoseconds {
        case ..<1_000_000: "\(nanoseconds / 1000)µs"
        case ..<10_000_000: "\(nanoseconds / 1_000_000).\(nanoseconds / 100_000 % 10)ms"
        case ..<1_000_000_000: "\(nanoseconds / 1_000_000)ms"
        case ..<60_000_000_000: "\(nanoseconds / 1_000_000_000).\(nanoseconds / 100_000_000 % 10)s"
        default: age(nanoseconds)
        }
    }

    /// Whole units, the two largest while they fit: `0s`, `42s`, `3m05s`, `59m`, `1h05m`, `23h`,
    /// `2d04h`, `12d`.
    static func age(_ nanoseconds: UInt64) -> String {
        let seconds = nanoseconds / 1_000_000_000
        let minutes = seconds / 60, hours = minutes / 60, days = hours / 24
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<600: return "\(minutes)m\(pad2(seconds % 60))s"
        case ..<3600: return "\(minutes)m"
        case ..<36_000: return "\(hours)h\(pad2(minutes % 60))m"
        case ..<86_400: return "\(hours)h"
        case ..<864_000: return "\(days)d\(pad2(hours % 24))h"
        default: return "\(days)d"
        }
    }

    /// `512B`, `1.2K`, `47K`, `1023K`, `3.4M`, `1.1G`: one decimal below ten, whole units above.
    static func bytes(_ count: Int) -> String {
        guard count >= 1024 else { return "\(count)B" }
        let suffixes = ["K", "M", "G", "T", "P"]
        var unit = 1024, index = 0
        while count / unit >= 1024 && index < suffixes.count - 1 {
            unit *= 1024
            index += 1
        }
        let whole = count / unit
        return whole < 10 ? "\(whole).\(count % unit * 10 / unit)\(suffixes[index])" : "\(whole)\(suffixes[index])"
    }

    /// `01:02:03` from nanoseconds.
    static func clock(_ nanoseconds: UInt64) -> String {
        let seconds = nanoseconds / 1_000_000_000
        return "\(pad2(seconds / 3600)):\(pad2(seconds / 60 % 60)):\(pad2(seconds % 60))"
    }

    static func pad2(_ value: UInt64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// How many characters `value` takes in decimal: the width a column of such numbers needs.
    static func digits(_ value: some BinaryInteger) -> Int { "\(value)".count }

    /// `text` cut to `width` columns, ending in `…` when something was cut.
    static func truncated(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        return width <= 0 ? "" : String(text.prefix(width - 1)) + "…"
    }

    /// A peer address cut to `width` columns with its port kept whole: `[2001:db8:…:50200`.
    static func peer(_ peer: String, width: Int) -> String {
        guard peer.count > width else { return peer }
        guard let colon = peer.lastIndex(of: ":") else { return truncated(peer, to: width) }
        let port = peer[colon...]
        let hostWidth = width - port.count - 1
        guard hostWidth > 0 else { return truncated(peer, to: width) }
        return String(peer[..<colon].prefix(hostWidth)) + "…" + String(port)
    }

    private static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A sparkline of `values` scaled to their maximum, last `width` values.
    static func sparkline(_ values: [Int], width: Int) -> String {
        let shown = values.suffix(width)
        let top = max(1, shown.max() ?? 1)
        return String(shown.map { $0 == 0 ? " " : sparks[min(7, $0 * 7 / top)] })
    }
}
