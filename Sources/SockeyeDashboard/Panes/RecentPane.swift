import SockeyeEvents
import SockeyeText

/// Recent requests, newest first: when each finished, its connection and number on it, method,
/// path, status, bytes sent, head-of-line wait, service time, and `c` for a chunked response.
/// With a filter, only the requests it matches.
enum RecentPane {
    static func content(_ snapshot: StatsSnapshot, width: Int, filter: RequestFilter?, following: Bool) -> PaneContent {
        let records = filter.map { filter in snapshot.recentRequests.filter(filter.matches) } ?? snapshot.recentRequests
        let table = Table(columns(records, snapshot: snapshot), width: width - 1)
        var items: [SummaryLine.Item] = [.init("Recent requests", priority: 4), .init("newest first", priority: 1)]
        if let filter { items.append(.init("filter: \(SafeText.escape(filter.text))", priority: 3)) }
        if following { items.append(.init("following", priority: 2)) }
        let emptyText = filter == nil ? "no requests yet" : "no recent request matches the filter"
        return PaneContent(title: SummaryLine(items: items), heading: table.heading, rowCount: records.count, emptyText: emptyText) { index in
            let record = records[records.count - 1 - index]
            return table.row([
                .init(Format.age(snapshot.takenAt &- min(record.finishedAt, snapshot.takenAt)) + " ago"),
                .init(snapshot.connectionLabel(record.connection, instance: record.instance)),
                .init("\(record.sequence)"),
                .init(SafeText.escape(record.method)),
                .init(SafeText.escape(record.target)),
                .init("\(record.status)", style: CellStyle.forStatus(record.status)),
                .init(Format.bytes(record.bytesOut)),
                .init(record.wait > 0 ? Format.duration(record.wait) : "-"),
                .init(Format.duration(serviceTime(record))),
                .init(record.chunked ? "c" : ""),
            ])
        }
    }

    /// In display order. WAIT + SERVICE is the whole time from head received to response finished.
    /// When the pane is narrow the chunked mark goes first, then bytes, the request's number, the
    /// connection and the time; the path, status and method stay.
    private static func columns(_ records: [RequestRecord], snapshot: StatsSnapshot) -> [Table.Column] {
        let widestMethod = records.map { $0.withTexts { $0[.method]?.count ?? 0 } }.max() ?? 0
        return [
            .number("FINISHED", widest: Format.valueWidth + " ago".count, priority: 5),
            .number("CONN", widest: records.map { snapshot.connectionLabel($0.connection, instance: $0.instance).count }.max() ?? 1,
                    priority: 4),
            .number("REQ#", widest: Format.digits(records.map(\.sequence).max() ?? 0), priority: 3),
            .text("METHOD", width: min(widestMethod, 8), minimum: 6, priority: 8),
            .text("PATH", width: 14, minimum: 14, priority: 10, grows: true),
            .number("STS", widest: 3, priority: 9),
            .number("BYTES", widest: Format.valueWidth, priority: 2),
            .number("WAIT", widest: Format.valueWidth, priority: 7),
            .number("SERVICE", widest: Format.valueWidth, priority: 6),
            .text("C", width: 1, minimum: 1, priority: 1),
        ]
    }

    /// The time spent on the request itself: its duration without the head-of-line wait.
    private static func serviceTime(_ record: RequestRecord) -> UInt64 {
        record.duration - min(record.wait, record.duration)
    }
}
