import SockeyeEvents
import SockeyeText

/// Head-of-line waits: first the requests waiting right now behind an earlier response on their
/// connection (their bars grow, marked `waiting`), then recent requests that waited, newest first;
/// each with its wait as a bar and as a number, and what it waited behind. With a filter, only the
/// requests it matches; one still waiting has no status or method yet, so only its target counts.
/// An HTTP/2 connection with several streams in flight gets a line too: the same requests that
/// would queue on HTTP/1.1, none waiting for another.
enum WaitsPane {
    private static let barColumn = 1

    /// One row: a request still waiting, or one that was answered after waiting.
    private struct Wait {
        var request: String
        var wait: UInt64
        var blocker: String
        var waiting: Bool
        /// An HTTP/2 connection's streams in flight: no wait to draw.
        var multiplexed = false
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
        let multiplexed = snapshot.connections.filter { $0.protocolName == .http2 && $0.openStreams > 1 }.map { row in
            Wait(request: "conn#\(snapshot.connectionLabel(row.id, instance: row.instance)) h2 \(row.openStreams) streams at once",
                 wait: 0, blocker: "none waits: each is answered when ready", waiting: false, multiplexed: true)
        }
        let waits = waiting + multiplexed + answered
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
            let bar = row.multiplexed ? "" : String(repeating: "▒", count: Int(max(1, row.wait * barWidth / longest)))
            return table.row([
                .init(requests[index]),
                .init(bar, style: .barWait),
                .init(row.multiplexed ? "-" : Format.duration(row.wait)),
                .init(blockers[index]),
            ], style: row.waiting ? .bold : .normal)
        }
    }
}
