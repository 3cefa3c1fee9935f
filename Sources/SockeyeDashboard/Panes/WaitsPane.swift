import SockeyeEvents
import SockeyeText

/// Head-of-line waits: first the requests waiting right now behind an earlier response on their
/// connection (their bars grow, marked `waiting`), then recent requests that waited, newest first;
/// each with its wait as a bar and as a number, and what it waited behind. With a filter, only the
/// requests it matches; one still waiting has no status or method yet, so only its target counts.
enum WaitsPane {
    private static let barColumn = 1

    /// One row: a request still waiting, or one that was answered after waiting.
    private struct Wait {
        var request: String
        var wait: UInt64
        var blocker: String
        var waiting: Bool
    }

    static func content(_ snapshot: StatsSnapshot, width: Int, filter: RequestFilter?) -> PaneContent {
        let waiting = snapshot.connections.flatMap { row in
            row.queued.filter { filter?.matches(method: nil, target: $0.label, status: nil) ?? true }.map { queued in
                Wait(request: "conn#\(snapshot.connectionLabel(row.id, instance: row.instance)) req#\(queued.sequence) \(SafeText.escape(queued.label))",
                     wait: snapshot.takenAt &- min(queued.since, snapshot.takenAt),
                     blocker: "waiting behind " + SafeText.escape(row.current ?? "?"), waiting: true)
            }
        }
        let answered = snapshot.recentWaits.reversed().filter { filter?.matches($0) ?? true }.map {
            Wait(request: "conn#\(snapshot.connectionLabel($0.connection, instance: $0.instance)) req#\($0.sequence) \(SafeText.escape($0.method)) \(SafeText.escape($0.target))",
                 wait: $0.wait, blocker: "behind " + SafeText.escape($0.blockedBy ?? "?"), waiting: false)
        }
        let waits = waiting + answered
        let longest = max(1, waits.map(\.wait).max() ?? 1)
        let requests = waits.map(\.request)
        let blockers = waits.map(\.blocker)
        let widestRequest = requests.map(\.count).max() ?? 0
        let widestBlocker = blockers.map(\.count).max() ?? 0
        // Without a heading: the bar glyph, the duration and "behind" say what each column is.
        let table = Table([
            .text("", width: min(widestRequest, 40), minimum: min(widestRequest, 16), priority: 4),
            .text("", width: 4, minimum: 4, priority: 1, grows: true),
            .number("", widest: Format.valueWidth, priority: 3),
            .text("", width: min(widestBlocker, 30), minimum: min(widestBlocker, 12), priority: 2),
        ], width: width - 1)
        let barWidth = UInt64(table.width(of: barColumn) ?? 0)
        // The percentiles and the count are over every request: exact totals are never filtered.
        var items: [SummaryLine.Item] = [
            .init("Head-of-line waits", priority: 6),
            .init("p50 \(Format.duration(snapshot.waitP50))", priority: 1),
            .init("p99 \(Format.duration(snapshot.waitP99))", priority: 2),
            .init("max \(Format.duration(snapshot.waitMax))", priority: 3),
            .init("(\(snapshot.waitedRequests) waited)", priority: 4),
        ]
        if let filter { items.append(.init("filter: \(SafeText.escape(filter.text))", priority: 5)) }
        let emptyText = filter == nil ? "no request has waited yet — pipeline /slow then / to see one"
            : "no waiting request matches the filter"
        return PaneContent(title: SummaryLine(items: items), heading: nil, rowCount: waits.count, emptyText: emptyText) { index in
            let row = waits[index]
            let bar = String(repeating: "▒", count: Int(max(1, row.wait * barWidth / longest)))
            return table.row([
                .init(requests[index]),
                .init(bar, style: .barWait),
                .init(Format.duration(row.wait)),
                .init(blockers[index]),
            ], style: row.waiting ? .bold : .normal)
        }
    }
}
