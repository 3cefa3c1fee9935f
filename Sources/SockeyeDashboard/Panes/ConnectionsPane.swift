import SockeyeEvents
import SockeyeLog

/// Open connections: id, peer, age, state, requests served, bytes, and the current request; on
/// an HTTPS server also each connection's TLS version and handshake time.
enum ConnectionsPane {
    static func content(_ snapshot: StatsSnapshot, sort: ViewState.ConnectionSort, width: Int, tls: Bool) -> PaneContent {
        // The peer column takes what the fixed columns leave, up to a full IPv4 address and port.
        // TLS adds a column, and "handshake" needs one more cell of STATE. The other fixed
        // columns (ID, AGE, REQ, BYTES, gaps) take 28.
        let tlsWidth = tls ? 11 : 0
        let stateWidth = tls ? 10 : 9
        let peerWidth = max(9, min(22, width - 28 - stateWidth - tlsWidth))
        let rows = sorted(snapshot.connections, by: sort)
        let columns = Format.right("ID", 4) + " " + Format.left("PEER", peerWidth) + Format.right("AGE", 7) + " "
            + Format.left("STATE", stateWidth) + (tls ? Format.left("TLS", tlsWidth) : "")
            + Format.right("REQ", 4) + Format.right("BYTES", 7) + "  CURRENT"
        return PaneContent(
            title: "Connections (\(snapshot.connections.count) open, sort: \(sort.rawValue))", columns: columns,
            rowCount: rows.count, emptyText: "no open connections"
        ) { index -> [PaneContent.Span] in
            let row = rows[index]
            let age = Format.duration(snapshot.takenAt &- min(row.openedAt, snapshot.takenAt))
            let text = Format.right("\(row.id)", 4) + " " + Format.left(row.peer, peerWidth) + Format.right(age, 7) + " "
                + Format.left(row.state.rawValue, stateWidth) + (tls ? Format.left(tlsSummary(row), tlsWidth) : "")
                + Format.right("\(row.requests)", 4)
                + Format.right(Format.bytes(row.bytesIn + row.bytesOut), 7) + "  " + SafeText.escape(row.current ?? "")
            return [PaneContent.Span(x: 0, text: text, style: row.state == .idle ? .dim : .normal)]
        }
    }

    /// "1.3 2.4ms": the version without its "TLSv" and the handshake time; "-" while handshaking.
    private static func tlsSummary(_ row: ConnectionRow) -> String {
        guard let version = row.tlsVersion, let time = row.handshakeTime else { return "-" }
        let short = version.hasPrefix("TLSv") ? String(version.dropFirst(4)) : version
        return short + " " + Format.duration(time)
    }

    static func sorted(_ rows: [ConnectionRow], by sort: ViewState.ConnectionSort) -> [ConnectionRow] {
        switch sort {
        case .id: rows.sorted { $0.id < $1.id }
        case .age: rows.sorted { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
        case .requests: rows.sorted { ($1.requests, $0.id) < ($0.requests, $1.id) }
        case .bytes: rows.sorted { ($1.bytesIn + $1.bytesOut, $0.id) < ($0.bytesIn + $0.bytesOut, $1.id) }
        case .state: rows.sorted { ($0.state.rawValue, $0.id) < ($1.state.rawValue, $1.id) }
        }
    }
}
