import SockeyeEvents

/// One request in place of the panes: its head as received and its response head as sent, each line
/// ending in a visible `␍␊` and every byte outside printable ASCII shown as `\xNN`, then its
/// phases on one line — head received, waited (and behind what), answered, done.
enum InspectorView {
    static func draw(into screen: inout Screen, rect: Rect, snapshot: StatsSnapshot, request: InspectedRequest) {
        guard rect.height >= 4, rect.width >= 10 else { return }
        let title = SummaryLine(items: [
            .init("conn#\(snapshot.connectionLabel(request.connection, instance: request.instance)) req#\(request.sequence)", priority: 4),
            .init("heads as received / as sent", priority: 2), .init("(Esc back)", priority: 3),
        ])
        screen.put(String(repeating: "─", count: rect.width), x: rect.x, y: rect.y, style: .focusedTitle)
        screen.put("▶ " + title.text(width: rect.width - 3) + " ", x: rect.x, y: rect.y, style: .focusedTitle, limit: rect.width)
        let record = snapshot.recentRequests.last {
            $0.connection == request.connection && $0.sequence == request.sequence && $0.instance == request.instance
        }
        // Heads are kept only in the server's own process.
        let heads = request.instance != 0 ? nil : snapshot.exchanges.last { $0.connection == request.connection && $0.sequence == request.sequence }
        var lines: [(text: String, style: CellStyle)] = []
        if let heads {
            lines.append(("Request head (as received)", .bold))
            lines += visibleLines(heads.requestHead).map { ($0, .normal) }
            lines.append(("Response head (as sent)", .bold))
            lines += heads.responseHead.isEmpty ? [("not written yet", .dim)] : visibleLines(heads.responseHead).map { ($0, .normal) }
        } else {
            lines.append(("heads not kept: only the last \(RecentExchanges.capacity) requests' are", .dim))
        }
        // The phases keep the last row; the heads are cut above it when they do not fit.
        let headRows = rect.height - 3
        if lines.count > headRows { lines = lines.prefix(headRows - 1) + [("…", .dim)] }
        for (offset, line) in lines.enumerated() {
            screen.put(Format.truncated(line.text, to: rect.width - 1), x: rect.x + 1, y: rect.y + 1 + offset, style: line.style)
        }
        if let record {
            screen.put(Format.truncated(phases(record), to: rect.width - 1), x: rect.x + 1, y: rect.y + rect.height - 1, style: .bold)
        }
    }

    /// `head received → waited 1.5s behind /slow → answered in 40µs → done 1.5s`, durations from the head.
    static func phases(_ record: RequestRecord) -> String {
        var steps = ["head received"]
        if record.wait > 0 {
            steps.append("waited \(Format.duration(record.wait))" + (record.blockedBy.map { " behind \($0)" } ?? ""))
        }
        steps.append("answered in \(Format.duration(record.finishedAt &- record.startedAt))")
        steps.append("done \(Format.duration(record.duration))")
        return steps.joined(separator: " → ")
    }

    /// The head's lines, each CRLF shown as `␍␊` at its line's end, other bytes outside printable
    /// ASCII (a lone CR or LF included) as `\xNN`.
    static func visibleLines(_ head: [UInt8]) -> [String] {
        var lines: [String] = []
        var line = ""
        var index = 0
        while index < head.count {
            let byte = head[index]
            if byte == 13, index + 1 < head.count, head[index + 1] == 10 {
                lines.append(line + "␍␊")
                line = ""
                index += 2
                continue
            }
            if (0x20...0x7E).contains(byte) {
                line.append(Character(Unicode.Scalar(byte)))
            } else {
                line += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
            index += 1
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
