import SockeyeEvents

/// Keep-alive reuse of the connections closed since the start (or the last reset): how many were
/// reused, the requests-per-connection histogram, and why they closed.
enum ReusePane {
    private static let barColumn = 1

    static func content(_ snapshot: StatsSnapshot, width: Int) -> PaneContent {
        let counts = snapshot.requestsPerConnection
        let closed = snapshot.connectionsClosed
        let percent = Int((snapshot.reuseRatio * 100).rounded())
        let summary = closed == 0
            ? SummaryLine(items: [.init("no connection closed yet", priority: 1)])
            : SummaryLine(items: [.init("\(closed) closed", priority: 1), .init("\(percent)% reused", priority: 2)], separator: ", ")
        let reasons = CloseReason.allCases.compactMap { reason in snapshot.closeReasons[reason].map { (reason.rawValue, $0) } }
            .sorted { $0.1 > $1.1 }
        let countWidth = Format.digits(max(counts.max() ?? 0, reasons.map(\.1).max() ?? 0))
        let rows = histogramRows(counts, width: width, countWidth: countWidth)
            + reasonRows(reasons, width: width, countWidth: countWidth)
        return PaneContent(title: SummaryLine(items: [.init("Keep-alive reuse", priority: 1)]),
                           heading: " " + summary.text(width: width - 1), rows: rows, emptyText: "")
    }

    /// Buckets 1 and 2 (used once, reused) and on to the last that holds a connection; bucket 0 only
    /// when connections closed without a request. The count is printed, so the bar is never the
    /// only signal.
    private static func histogramRows(_ counts: [Int], width: Int, countWidth: Int) -> [[PaneContent.Span]] {
        let last = max(2, counts.lastIndex { $0 > 0 } ?? 0)
        let buckets = (0...last).filter { $0 > 0 || counts[0] > 0 }
        let labels = buckets.map { StatsSnapshot.requestsPerConnectionLabels[$0] + " req" }
        let labelWidth = labels.map(\.count).max() ?? 0
        let table = Table([
            .text("", width: labelWidth, minimum: labelWidth, priority: 3),
            .text("", width: 1, minimum: 1, priority: 1, grows: true),
            .number("", widest: countWidth, priority: 2),
        ], width: width - 1)
        let barWidth = table.width(of: barColumn) ?? 0
        let top = max(1, counts.max() ?? 1)
        return zip(buckets, labels).map { bucket, label in
            let count = counts[bucket]
            let bar = String(repeating: "█", count: count == 0 ? 0 : max(1, count * barWidth / top))
            return table.row([.init(label), .init(bar, style: .barTransfer), .init("\(count)")])
        }
    }

    private static func reasonRows(_ reasons: [(String, Int)], width: Int, countWidth: Int) -> [[PaneContent.Span]] {
        guard !reasons.isEmpty else { return [] }
        let table = Table([
            .text("", width: 8, minimum: 8, priority: 2, grows: true),
            .number("", widest: countWidth, priority: 1),
        ], x: 2, width: width - 2)
        return [[.init(x: 1, text: "closed because:", style: .bold)]]
            + reasons.map { reason, count in table.row([.init(reason), .init("\(count)")]) }
    }
}
