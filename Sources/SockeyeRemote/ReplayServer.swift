import HTTPCore
import SockeyeEvents

/// Plays a recording's events into the same counters and live table a server keeps, so the
/// aggregator that a live dashboard reads makes the replay's snapshots too.
struct ReplayServer {
    let counters = ServerCounters()
    let table = ConnectionTable()
    let bus = EventBus(capacity: 16, shards: 1)
    private var rows: [UInt64: ConnectionRow] = [:]
    /// Requests received and not yet completed, per connection, in order.
    private var pending: [UInt64: [QueuedRequest]] = [:]

    mutating func apply(_ event: ServerEvent) {
        switch event {
        case .connectionOpened(let id, let peer, let at):
            counters.connectionsAccepted.add(1, ordering: .relaxed)
            counters.connectionsActive.add(1, ordering: .relaxed)
            update(ConnectionRow(id: id, peer: peer, openedAt: at, state: .reading))
        case .connectionClosed(let id, let reason, let requests, _, _, _):
            counters.countClose(reason, requests: requests)
            counters.connectionsActive.subtract(1, ordering: .relaxed)
            rows[id] = nil
            pending[id] = nil
            table.remove(id)
        case .requestHead(let id, let sequence, _, let target, let at):
            pending[id, default: []].append(QueuedRequest(sequence: sequence, label: target, since: at))
            change(id) { row in if row.state == .reading || row.state == .idle { row.state = .handling } }
        case .responseStarted(let id, _, _, _, _, _):
            change(id) { $0.state = .writing }
        case .chunkSent, .chunkReceived:
            break
        case .requestCompleted(let record):
            counters.countServed(method: MethodCode(HTTPMethod(record.method)), status: record.status, bytesIn: record.bytesIn,
                                 duration: record.duration, wait: record.wait)
            counters.countResponse(status: record.status)
            counters.bytesOut.add(record.bytesOut, ordering: .relaxed)
            pending[record.connection]?.removeAll { $0.sequence == record.sequence }
            change(record.connection) { row in
                row.requests += 1
                row.bytesIn += record.bytesIn
                row.bytesOut += record.bytesOut
            }
        case .requestRejected(let id, let status, let reason, _, let bytesOut, _):
            counters.countRejection(status: status, reason: reason)
            counters.countResponse(status: status)
            counters.bytesOut.add(bytesOut, ordering: .relaxed)
        case .tlsEstablished(let handshake):
            counters.tlsHandshakes.add(1, ordering: .relaxed)
            change(handshake.connection) { row in
                row.tlsVersion = handshake.version
                row.handshakeTime = handshake.duration
            }
        case .tlsFailed:
            counters.tlsFailures.add(1, ordering: .relaxed)
        }
    }

    /// Applies `body` to the row and derives what the dashboard shows from the requests in flight:
    /// the oldest is current, the ones behind it are queued; none left means idle.
    private mutating func change(_ id: UInt64, _ body: (inout ConnectionRow) -> Void) {
        guard var row = rows[id] else { return }
        body(&row)
        let inFlight = pending[id] ?? []
        row.current = inFlight.first?.label
        row.queued = Array(inFlight.dropFirst())
        if inFlight.isEmpty { row.state = .idle }
        update(row)
    }

    private mutating func update(_ row: ConnectionRow) {
        rows[row.id] = row
        table.upsert(row)
    }
}
