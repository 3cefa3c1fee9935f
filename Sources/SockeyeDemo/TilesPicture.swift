/// Draws `sockeye demo tiles`: each lane a grid of tiles, a tile `·` until its response has
/// arrived and then shaded by when it arrived on the slowest lane's time axis (`█` in the first
/// quarter … `░` in the last), with each lane's total under it; the lanes side by side when the
/// width allows, else one under another.
public enum TilesPicture {
    /// A lane as drawn: which tiles have arrived (and when), and whether it has finished.
    public struct LaneState: Sendable, Equatable {
        public var lane: TilesDemo.Lane
        /// Per tile: when it arrived (ns from the lane's start), nil while it has not.
        public var arrivals: [UInt64?]
        public var finished: Bool

        public init(lane: TilesDemo.Lane, count: Int) {
            self.lane = lane
            arrivals = Array(repeating: nil, count: count)
            finished = false
        }

        var total: UInt64 { arrivals.compactMap { $0 }.max() ?? 0 }
    }

    static let shades: [Character] = ["█", "▓", "▒", "░"]

    /// Lines of the picture for `width` columns. The shades divide the slowest lane's time (while
    /// running, the longest so far).
    public static func render(_ lanes: [LaneState], width: Int) -> [String] {
        let count = lanes.first?.arrivals.count ?? 0
        let columns = max(1, Int(Double(count).squareRoot().rounded(.up)))
        let rows = (count + columns - 1) / columns
        let scale = max(1, lanes.map(\.total).max() ?? 1)
        let blocks = lanes.map { block($0, columns: columns, rows: rows, scale: scale) }
        let blockWidth = max(columns * 2, blocks.flatMap { $0 }.map(\.count).max() ?? 0)
        var lines: [String] = []
        if blockWidth * lanes.count + 3 * (lanes.count - 1) <= width {
            for line in 0..<(blocks.first?.count ?? 0) {
                lines.append(blocks.map { $0[line] + String(repeating: " ", count: max(0, blockWidth - $0[line].count)) }
                    .joined(separator: "   ").trimmingTrailingSpaces)
            }
        } else {
            for block in blocks { lines += block + [""] }
            lines.removeLast()
        }
        lines.append("")
        lines.append("· not yet   █ ▓ ▒ ░ arrived in the first … last quarter of \(seconds(scale))")
        return lines
    }

    private static func block(_ state: LaneState, columns: Int, rows: Int, scale: UInt64) -> [String] {
        var lines = [state.lane.title]
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let tile = row * columns + column
                guard tile < state.arrivals.count else { break }
                if let arrival = state.arrivals[tile] {
                    // The quarter it falls in, ends included: at exactly a quarter it is the first.
                    let quarter = Int((Double(arrival) / Double(scale) * 4).rounded(.up)) - 1
                    let shade = shades[min(3, max(0, quarter))]
                    line += String(repeating: shade, count: 2)
                } else {
                    line += "· "
                }
            }
            lines.append(line)
        }
        let done = state.arrivals.compactMap { $0 }.count
        lines.append(state.finished ? "total \(seconds(state.total))" : "\(done)/\(state.arrivals.count) tiles")
        return lines
    }

    /// `850 ms`, `5.1 s`.
    static func seconds(_ nanoseconds: UInt64) -> String {
        nanoseconds < 1_000_000_000 ? "\(nanoseconds / 1_000_000) ms"
            : "\(nanoseconds / 1_000_000_000).\(nanoseconds / 100_000_000 % 10) s"
    }

    /// What the three totals say, when all three lanes finished.
    public static func explanation(_ lanes: [LaneState], latencyMilliseconds: Int) -> String? {
        guard lanes.allSatisfy(\.finished), let one = lanes.first(where: { $0.lane == .oneConnection }),
              let six = lanes.first(where: { $0.lane == .sixConnections }), let h2 = lanes.first(where: { $0.lane == .http2 })
        else { return nil }
        let count = one.arrivals.count
        return "Each tile takes \(latencyMilliseconds) ms to answer. On one HTTP/1.1 connection they queue one behind "
            + "another: \(count) × \(latencyMilliseconds) ms, \(seconds(one.total)). Six connections (what a browser opens "
            + "per host) cut that to about a sixth, \(seconds(six.total)). HTTP/2 asks for all \(count) at once as streams "
            + "on one connection, and each is sent when ready: \(seconds(h2.total))."
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
