import SockeyeEvents
import SockeyeLog

/// Recent requests, newest first: time since start, connection, method, path, status, bytes,
/// duration, head-of-line wait, and `c` for a chunked response.
enum RecentPane {
    static func content(_ snapshot: StatsSnapshot, width: Int) -> PaneContent {
        let startedAt = snapshot.takenAt &- snapshot.uptime
        let pathWidth = max(8, width - 66)
        let records = snapshot.recentRequests
        let columns = Format.right("TIME", 9) + Format.right("CONN", 6) + Format.right("REQ", 5) + " " + Format.left("METHOD", 7)
            + Format.left("PATH", pathWidth) + " STS" + Format.right("BYTES", 8) + Format.right("DUR", 9) + Format.right("WAIT", 9) + " C"
        return PaneContent(title: "Recent requests", columns: columns, rowCount: records.count,
                           emptyText: "no requests yet") { index -> [PaneContent.Span] in
            let record = records[records.count - 1 - index]
            let time = Format.right(Format.duration(record.finishedAt &- min(startedAt, record.finishedAt)), 9)
            let left = time + Format.right("\(record.connection)", 6) + Format.right("\(record.sequence)", 5) + " "
                + Format.left(SafeText.escape(record.method), 7) + Format.left(SafeText.escape(record.target), pathWidth)
            let right = Format.right(Format.bytes(record.bytesOut), 8) + Format.right(Format.duration(record.duration), 9)
                + Format.right(record.wait > 0 ? Format.duration(record.wait) : "-", 9) + (record.chunked ? " c" : "  ")
            return [
                .init(x: 0, text: left),
                .init(x: left.count + 1, text: "\(record.status)", style: CellStyle.forStatus(record.status)),
                .init(x: left.count + 4, text: right),
            ]
        }
    }
}
