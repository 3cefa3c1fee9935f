import SockeyeEvents
import SockeyeLog

/// Head-of-line waits: recent requests that queued behind an earlier response on their
/// connection, each with its wait as a bar and what it waited behind.
enum WaitsPane {
    static func content(_ snapshot: StatsSnapshot, width: Int) -> PaneContent {
        let waits = snapshot.recentWaits
        let longest = max(1, waits.map(\.wait).max() ?? 1)
        let labelWidth = 30
        let barSpace = max(4, width - labelWidth - 30)
        let title = "Head-of-line waits  p50 \(Format.duration(snapshot.waitP50))  p99 \(Format.duration(snapshot.waitP99))"
            + "  max \(Format.duration(snapshot.waitMax))  (\(snapshot.waitedRequests) waited)"
        return PaneContent(title: title, columns: nil, rowCount: waits.count,
                           emptyText: "no request has waited yet — pipeline /slow then / to see one") { index -> [PaneContent.Span] in
            let record = waits[waits.count - 1 - index]
            let label = Format.left("conn#\(record.connection) req#\(record.sequence) \(record.method) \(SafeText.escape(record.target))", labelWidth)
            let length = max(1, Int(record.wait * UInt64(barSpace) / longest))
            let bar = String(repeating: "▒", count: length)
            let tail = " \(Format.duration(record.wait)) behind \(SafeText.escape(record.blockedBy ?? "?"))"
            return [
                .init(x: 1, text: label),
                .init(x: 1 + labelWidth, text: bar, style: .barWait),
                .init(x: 1 + labelWidth + length, text: tail),
            ]
        }
    }
}
