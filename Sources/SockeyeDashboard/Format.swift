/// Compact numbers for narrow columns.
enum Format {
    /// `850µs`, `12.3ms`, `2.9s`, `3m05s`.
    static func duration(_ nanoseconds: UInt64) -> String {
        switch nanoseconds {
        case ..<1_000_000: "\(nanoseconds / 1000)µs"
        case ..<1_000_000_000: "\(Double(nanoseconds / 100_000) / 10)ms"
        case ..<60_000_000_000: "\(Double(nanoseconds / 100_000_000) / 10)s"
        default: "\(nanoseconds / 60_000_000_000)m\(pad2(Int(nanoseconds / 1_000_000_000 % 60)))s"
        }
    }

    /// `512B`, `1.2K`, `3.4M`, `1.1G`.
    static func bytes(_ count: Int) -> String {
        switch count {
        case ..<1024: "\(count)B"
        case ..<(1024 * 1024): "\(Double(count * 10 / 1024) / 10)K"
        case ..<(1024 * 1024 * 1024): "\(Double(count * 10 / (1024 * 1024)) / 10)M"
        default: "\(Double(count / (1024 * 1024 * 100)) / 10)G"
        }
    }

    /// `01:02:03` from nanoseconds.
    static func clock(_ nanoseconds: UInt64) -> String {
        let seconds = Int(nanoseconds / 1_000_000_000)
        return "\(pad2(seconds / 3600)):\(pad2(seconds / 60 % 60)):\(pad2(seconds % 60))"
    }

    static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Right-aligns `text` in `width` columns.
    static func right(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// Left-aligns and clips `text` to `width` columns.
    static func left(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }

    private static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A sparkline of `values` scaled to their maximum, last `width` values.
    static func sparkline(_ values: [Int], width: Int) -> String {
        let shown = values.suffix(width)
        let top = max(1, shown.max() ?? 1)
        return String(shown.map { $0 == 0 ? " " : sparks[min(7, $0 * 7 / top)] })
    }
}
