import SockeyeEvents

/// Keep-alive reuse: the share of requests that reused a connection, the requests-per-connection
/// histogram of closed connections, and why connections closed.
enum ReusePane {
    static func content(_ snapshot: StatsSnapshot, width: Int) -> PaneContent {
        var rows: [[PaneContent.Span]] = []
        let ratio = Int((snapshot.reuseRatio * 100).rounded())
        rows.append([.init(x: 1, text: "reuse \(ratio)%  \(snapshot.requests) req/\(snapshot.connectionsAccepted) conn", style: .bold)])
        let counts = snapshot.requestsPerConnection
        let top = max(1, counts.max() ?? 1)
        let barWidth = max(1, width - 14)
        for (index, label) in StatsSnapshot.requestsPerConnectionLabels.enumerated() where index > 0 {
            let count = counts[index]
            let bar = String(repeating: "█", count: count == 0 ? 0 : max(1, count * barWidth / top))
            // Bucket label, bar, count: the count is printed, so the bar is never the only signal.
            rows.append([
                .init(x: 1, text: Format.left(label, 7)),
                .init(x: 8, text: bar, style: .barTransfer),
                .init(x: 8 + bar.count + 1, text: "\(count)"),
            ])
        }
        let reasons = CloseReason.allCases.compactMap { reason in snapshot.closeReasons[reason].map { (reason, $0) } }
        if !reasons.isEmpty {
            rows.append([.init(x: 1, text: "closed because:", style: .bold)])
            for (reason, count) in reasons.sorted(by: { $0.1 > $1.1 }) {
                rows.append([.init(x: 2, text: Format.left(reason.rawValue, width - 10) + Format.right("\(count)", 6))])
            }
        }
        return PaneContent(title: "Keep-alive reuse", columns: nil, rows: rows, emptyText: "")
    }
}
