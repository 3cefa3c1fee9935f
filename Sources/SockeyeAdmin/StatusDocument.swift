import SockeyeEvents
import SockeyeText

/// `GET /status`: one JSON object with what the dashboard's header and panes show, from one
/// statistics snapshot. Durations are in seconds; times are ages relative to the snapshot.
struct StatusDocument {
    let identity: ServerIdentity
    let snapshot: StatsSnapshot

    var json: String {
        var object = JSONObjectWriter()
        object.add("address", identity.address)
        object.add("model", identity.model)
        object.add("workers", identity.workers)
        object.add("uptime_seconds", Self.seconds(snapshot.uptime))
        object.add("requests", snapshot.requests)
        object.add("requests_per_second", snapshot.currentRate)
        object.add("requests_per_second_history", json: JSONObjectWriter.array(snapshot.requestsPerSecond.map(String.init)))
        object.add("rejected", snapshot.rejected)
        object.add("bytes_in", snapshot.bytesIn)
        object.add("bytes_out", snapshot.bytesOut)
        object.add("status_classes", json: statusClasses)
        object.add("events_dropped", snapshot.droppedEvents)
        object.add("tls_handshakes", snapshot.tlsHandshakes)
        object.add("tls_failures", snapshot.tlsFailures)
        object.add("connections", json: connections)
        object.add("reuse", json: reuse)
        object.add("waits", json: waits)
        object.add("rejections", json: Self.counts(snapshot.rejectionsByReason))
        object.add("open_connections", json: JSONObjectWriter.array(snapshot.connections.map(row)))
        object.add("recent_requests", json: JSONObjectWriter.array(snapshot.recentRequests.map(record)))
        return object.json
    }

    private var statusClasses: String {
        var object = JSONObjectWriter()
        for statusClass in 1...5 { object.add("\(statusClass)xx", snapshot.statusClasses[statusClass]) }
        return object.json
    }

    private var connections: String {
        var object = JSONObjectWriter()
        object.add("open", snapshot.connectionsOpen)
        object.add("accepted", snapshot.connectionsAccepted)
        object.add("refused", snapshot.connectionsRefused)
        object.add("closed", snapshot.connectionsClosed)
        return object.json
    }

    private var reuse: String {
        var object = JSONObjectWriter()
        object.add("ratio", snapshot.reuseRatio)
        var histogram = JSONObjectWriter()
        for (label, count) in zip(StatsSnapshot.requestsPerConnectionLabels, snapshot.requestsPerConnection) {
            histogram.add(label, count)
        }
        object.add("requests_per_connection", json: histogram.json)
        object.add("close_reasons", json: Self.counts(Dictionary(uniqueKeysWithValues: snapshot.closeReasons.map { ($0.key.rawValue, $0.value) })))
        return object.json
    }

    private var waits: String {
        var object = JSONObjectWriter()
        object.add("waited", snapshot.waitedRequests)
        object.add("p50_seconds", Self.seconds(snapshot.waitP50))
        object.add("p99_seconds", Self.seconds(snapshot.waitP99))
        object.add("max_seconds", Self.seconds(snapshot.waitMax))
        object.add("recent", json: JSONObjectWriter.array(snapshot.recentWaits.map(record)))
        return object.json
    }

    private func row(_ row: ConnectionRow) -> String {
        var object = JSONObjectWriter()
        object.add("id", row.id)
        object.add("peer", row.peer)
        object.add("state", row.state.rawValue)
        object.add("protocol", row.protocolName.rawValue)
        object.add("open_streams", row.openStreams)
        object.add("age_seconds", age(row.openedAt))
        object.add("requests", row.requests)
        object.add("bytes_in", row.bytesIn)
        object.add("bytes_out", row.bytesOut)
        object.add("current", row.current)
        object.add("tls", row.tlsVersion)
        if let handshake = row.handshakeTime { object.add("tls_handshake_seconds", Self.seconds(handshake)) }
        object.add("queued", json: JSONObjectWriter.array(row.queued.map { queued in
            var item = JSONObjectWriter()
            item.add("sequence", queued.sequence)
            item.add("target", queued.label)
            item.add("waiting_seconds", age(queued.since))
            return item.json
        }))
        return object.json
    }

    private func record(_ record: RequestRecord) -> String {
        var object = JSONObjectWriter()
        object.add("connection", record.connection)
        object.add("sequence", record.sequence)
        object.add("method", record.method)
        object.add("target", record.target)
        object.add("version", record.version)
        object.add("status", record.status)
        object.add("bytes_in", record.bytesIn)
        object.add("bytes_out", record.bytesOut)
        object.add("chunked", record.chunked)
        object.add("age_seconds", age(record.finishedAt))
        object.add("duration_seconds", Self.seconds(record.duration))
        object.add("wait_seconds", Self.seconds(record.wait))
        object.add("blocked_by", record.blockedBy)
        object.add("peer", record.peer)
        return object.json
    }

    private static func counts(_ counts: [String: Int]) -> String {
        var object = JSONObjectWriter()
        for (key, count) in counts.sorted(by: { $0.key < $1.key }) { object.add(key, count) }
        return object.json
    }

    /// Seconds from `moment` to the snapshot (zero for a moment stamped just after it).
    private func age(_ moment: UInt64) -> Double {
        Self.seconds(snapshot.takenAt > moment ? snapshot.takenAt - moment : 0)
    }

    /// Nanoseconds as seconds, to the microsecond.
    static func seconds(_ nanoseconds: UInt64) -> Double {
        (Double(nanoseconds) / 1e3).rounded() / 1e6
    }
}
