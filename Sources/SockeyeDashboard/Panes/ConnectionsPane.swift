import SockeyeEvents
import SockeyeText

/// Open connections: id, peer, age, state, protocol (h1 or h2), requests served, bytes, and the
/// current request with how many requests wait behind it (`/slow?ms=5000 +2 queued`) — on HTTP/2
/// the streams in flight, none behind another (`2 streams: /slow?ms=5000 /info`); on an HTTPS
/// server also each connection's TLS version and handshake time.
enum ConnectionsPane {
    /// The longest state name a connection can show: "handshake" only on an HTTPS server.
    private static func stateWidth(tls: Bool) -> Int { tls ? 9 : 8 }
    /// A whole IPv4 address and port ("255.255.255.255:65535"); a longer peer may be cut to it.
    private static let peerMinimum = 21
    private static let peerColumn = 1
    /// The last column; TLS adds one before it.
    private static func currentColumn(tls: Bool) -> Int { tls ? 8 : 7 }
    /// Room the current request may take from a long peer (an IPv6 address) before the peer is cut.
    private static let currentPreferred = 40

    static func content(_ snapshot: StatsSnapshot, sort: ViewState.ConnectionSort, selected: Int, width: Int, tls: Bool) -> PaneContent {
        let rows = sorted(snapshot.connections, by: sort)
        let labels = rows.map { snapshot.connectionLabel($0.id, instance: $0.instance) }
        let table = Table(columns(rows, labels: labels, tls: tls), width: width - 1)
        let peerWidth = table.width(of: peerColumn) ?? 0
        let currentWidth = table.width(of: currentColumn(tls: tls)) ?? 0
        let title = SummaryLine(items: [
            .init("Connections", priority: 3), .init("\(rows.count) open", priority: 2), .init("sort: \(sort.rawValue)", priority: 1),
        ])
        return PaneContent(title: title, heading: table.heading, rowCount: rows.count, emptyText: "no open connections",
                           selectedRow: selected) { index in
            let row = rows[index]
            var cells: [Table.Cell] = [
                .init(labels[index]),
                .init(Format.peer(row.peer, width: peerWidth)),
                .init(Format.age(snapshot.takenAt &- min(row.openedAt, snapshot.takenAt))),
                .init(row.state.rawValue),
            ]
            if tls { cells.append(.init(tlsSummary(row))) }
            cells += [
                .init(row.protocolName.rawValue),
                .init("\(row.requests)"),
                .init(Format.bytes(row.bytesIn + row.bytesOut)),
                .init(current(row, width: currentWidth)),
            ]
            return table.row(cells, style: row.state == .idle ? .dim : .normal)
        }
    }

    /// The current request and the queue behind it, `/slow?ms=5000 +2 queued`, or `+2` alone when
    /// that does not fit: the count is kept whole, the target is cut.
    private static func current(_ row: ConnectionRow, width: Int) -> String {
        let target = SafeText.escape(row.current ?? "")
        if row.protocolName == .http2 && row.openStreams > 1 {
            return Format.truncated("\(row.openStreams) streams: " + target, to: width)
        }
        guard !row.queued.isEmpty else { return target }
        let count = " +\(row.queued.count)"
        if target.count + count.count + " queued".count <= width { return target + count + " queued" }
        return Format.truncated(target, to: max(1, width - count.count)) + count
    }

    /// In display order; the peer is column `peerColumn`. Bytes go first when the pane is narrow,
    /// then TLS, age and peer; the id and the current request stay.
    private static func columns(_ rows: [ConnectionRow], labels: [String], tls: Bool) -> [Table.Column] {
        let widestPeer = rows.map(\.peer.utf8.count).max() ?? 0
        let widestCurrent = rows.map {
            ($0.current?.utf8.count ?? 0) + ($0.queued.isEmpty ? 0 : " +\($0.queued.count) queued".count) + ($0.openStreams > 1 ? 12 : 0)
        }.max() ?? 0
        var columns: [Table.Column] = [
            .number("ID", widest: labels.map(\.count).max() ?? 1, priority: 8),
            .text("PEER", width: widestPeer, minimum: min(widestPeer, peerMinimum), priority: 4),
            .number("AGE", widest: Format.valueWidth, priority: 3),
            .text("STATE", width: stateWidth(tls: tls), minimum: stateWidth(tls: tls), priority: 6),
        ]
        if tls { columns.append(.text("TLS", width: 9, minimum: 9, priority: 2)) }
        columns += [
            .text("PROTO", width: 5, minimum: 5, priority: 2),
            .number("REQS", widest: Format.digits(rows.map(\.requests).max() ?? 0), priority: 5),
            .number("BYTES", widest: Format.valueWidth, priority: 1),
            .text("CURRENT", width: min(widestCurrent, currentPreferred), minimum: 12, priority: 7, grows: true),
        ]
        return columns
    }

    /// "1.3 2.4ms": the version without its "TLSv" and the handshake time; "-" while handshaking.
    private static func tlsSummary(_ row: ConnectionRow) -> String {
        guard let version = row.tlsVersion, let time = row.handshakeTime else { return "-" }
        let short = version.hasPrefix("TLSv") ? String(version.dropFirst(4)) : version
        return short + " " + Format.duration(time)
    }

    static func sorted(_ rows: [ConnectionRow], by sort: ViewState.ConnectionSort) -> [ConnectionRow] {
        switch sort {
        case .id: rows.sorted { ($0.instance, $0.id) < ($1.instance, $1.id) }
        case .age: rows.sorted { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
        case .requests: rows.sorted { ($1.requests, $0.id) < ($0.requests, $1.id) }
        case .bytes: rows.sorted { ($1.bytesIn + $1.bytesOut, $0.id) < ($0.bytesIn + $0.bytesOut, $1.id) }
        case .state: rows.sorted { ($0.state.rawValue, $0.id) < ($1.state.rawValue, $1.id) }
        }
    }
}
