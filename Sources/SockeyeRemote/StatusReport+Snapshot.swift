import HTTPCore
import SockeyeEvents

extension StatusReport {
    /// The report as the dashboard's snapshot, its ages turned into this process's monotonic times
    /// counted back from `receivedAt`; rows and records tagged with `instance`.
    func snapshot(receivedAt: UInt64, instance: Int) -> StatsSnapshot {
        var snapshot = StatsSnapshot()
        snapshot.takenAt = receivedAt
        snapshot.uptime = Self.nanoseconds(uptimeSeconds)
        snapshot.connectionsAccepted = connections.accepted
        snapshot.connectionsOpen = connections.open
        snapshot.connectionsRefused = connections.refused
        snapshot.requests = requests
        snapshot.rejected = rejected
        snapshot.bytesIn = bytesIn
        snapshot.bytesOut = bytesOut
        snapshot.statusClasses = (0...5).map { $0 == 0 ? 0 : statusClasses["\($0)xx"] ?? 0 }
        snapshot.droppedEvents = eventsDropped
        snapshot.tlsHandshakes = tlsHandshakes
        snapshot.tlsFailures = tlsFailures
        snapshot.requestsPerSecond = requestsPerSecondHistory
        snapshot.requestsPerConnection = StatsSnapshot.requestsPerConnectionLabels.map { reuse.requestsPerConnection[$0] ?? 0 }
        snapshot.closeReasons = Dictionary(uniqueKeysWithValues: reuse.closeReasons.compactMap { key, count in
            CloseReason(rawValue: key).map { ($0, count) }
        })
        snapshot.rejectionsByReason = rejections
        snapshot.waitedRequests = waits.waited
        snapshot.waitP50 = Self.nanoseconds(waits.p50Seconds)
        snapshot.waitP99 = Self.nanoseconds(waits.p99Seconds)
        snapshot.waitMax = Self.nanoseconds(waits.maxSeconds)
        let tag = UInt8(clamping: instance)
        snapshot.recentWaits = waits.recent.map { $0.record(receivedAt: receivedAt, instance: tag) }
        snapshot.recentRequests = recentRequests.map { $0.record(receivedAt: receivedAt, instance: tag) }
        snapshot.connections = openConnections.map { $0.row(receivedAt: receivedAt, instance: instance) }
        snapshot.identity = ServerIdentity(address: address, model: model, workers: workers)
        return snapshot
    }

    static func nanoseconds(_ seconds: Double) -> UInt64 {
        seconds.isFinite && seconds > 0 ? UInt64(min(seconds, 1e9) * 1e9) : 0
    }

    /// A moment `seconds` before `now`.
    static func before(_ now: UInt64, seconds: Double) -> UInt64 {
        let age = nanoseconds(seconds)
        return now > age ? now - age : 0
    }
}

extension StatusReport.Record {
    func record(receivedAt: UInt64, instance: UInt8) -> RequestRecord {
        RequestRecord(
            connection: connection, sequence: sequence, method: method, target: target, version: version, status: status,
            bytesIn: bytesIn ?? 0, bytesOut: bytesOut, chunked: chunked ?? false,
            finishedAt: StatusReport.before(receivedAt, seconds: ageSeconds), duration: StatusReport.nanoseconds(durationSeconds),
            wait: StatusReport.nanoseconds(waitSeconds), blockedBy: blockedBy, peer: peer, instance: instance)
    }
}

extension StatusReport.Row {
    func row(receivedAt: UInt64, instance: Int) -> ConnectionRow {
        ConnectionRow(
            id: id, peer: peer, openedAt: StatusReport.before(receivedAt, seconds: ageSeconds),
            state: ConnectionState(rawValue: state) ?? .idle, requests: requests, bytesIn: bytesIn, bytesOut: bytesOut,
            current: current, tlsVersion: tls, handshakeTime: tlsHandshakeSeconds.map(StatusReport.nanoseconds),
            queued: queued.map { QueuedRequest(sequence: $0.sequence, label: $0.target, since: StatusReport.before(receivedAt, seconds: $0.waitingSeconds)) },
            instance: instance, protocolName: self.protocol.flatMap(ConnectionProtocol.init(rawValue:)) ?? .http1,
            openStreams: openStreams ?? 0)
    }
}
