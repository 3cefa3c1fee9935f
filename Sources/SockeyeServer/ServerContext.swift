import HTTPCore
import SockeyeEvents
import Synchronization

/// What every driver thread shares: settings, routes, the event side, and the connection count
/// that enforces `--max-connections` across all loops and threads.
final class ServerContext: Sendable {
    let config: ServerConfig
    let settings: ConnectionSettings
    let router: Router
    let publisher: EventPublisher
    let stopping = Atomic<Bool>(false)
    private let nextConnectionID = Atomic<UInt64>(1)
    private let open = Atomic<Int>(0)

    init(config: ServerConfig, bus: EventBus, counters: ServerCounters, table: ConnectionTable, startedAt: UInt64) {
        self.config = config
        settings = ConnectionSettings(config)
        router = Router(config: config, startedAt: startedAt)
        publisher = EventPublisher(bus: bus, counters: counters, table: table)
    }

    var openConnections: Int { open.load(ordering: .relaxed) }

    /// Admits a new connection, or refuses it with a 503 when the server is at its limit — the
    /// excess client gets a clear answer and the connections already open are not disturbed.
    func admit(_ socket: Socket, peer: SocketAddress, now: UInt64) -> ConnectionInfo? {
        let id = nextConnectionID.add(1, ordering: .relaxed).oldValue
        let counters = publisher.counters
        let count = open.add(1, ordering: .relaxed).newValue
        if count > config.maxConnections {
            open.subtract(1, ordering: .relaxed)
            counters.connectionsRefused.add(1, ordering: .relaxed)
            counters.rejected.add(1, ordering: .relaxed)
            // A TLS client would read a plaintext 503 as a broken handshake: it is just closed.
            var written = 0
            if config.tls == nil {
                try? socket.setNonBlocking()
                written = Self.overLimitResponse.withUnsafeBytes { (try? socket.write($0)) ?? 0 }
            }
            socket.close()
            publisher.publish(.requestRejected(connection: id, status: 503, reason: "connection limit", peer: peer.description,
                                               bytesOut: written, at: now))
            return nil
        }
        counters.connectionsAccepted.add(1, ordering: .relaxed)
        counters.connectionsActive.add(1, ordering: .relaxed)
        let info = ConnectionInfo(id: id, peer: peer.description, model: config.model)
        publisher.publish(.connectionOpened(connection: id, peer: info.peer, at: now))
        if publisher.table.isEnabled {
            publisher.table.upsert(ConnectionRow(id: id, peer: info.peer, openedAt: now, state: config.tls == nil ? .idle : .handshake))
        }
        return info
    }

    func makeConnection(_ info: ConnectionInfo, dates: DateCache, now: UInt64) -> HTTPConnection {
        HTTPConnection(info: info, settings: settings, router: router, publisher: publisher, dates: dates, now: now)
    }

    /// Counts a connection out and publishes why it closed.
    func release(_ connection: HTTPConnection, now: UInt64) {
        // Never stamped before the connection's last event: `closed` is always its last line.
        release(connection.info.id, reason: connection.closeReason ?? .error, requests: connection.requestsServed,
                bytesIn: connection.bytesIn, bytesOut: connection.bytesOut, now: max(now, connection.lastEventAt))
    }

    /// Counts out a connection that never got as far as a state machine (no thread for it).
    func release(_ id: UInt64, reason: CloseReason, requests: Int = 0, bytesIn: Int = 0, bytesOut: Int = 0, now: UInt64) {
        open.subtract(1, ordering: .relaxed)
        publisher.counters.connectionsActive.subtract(1, ordering: .relaxed)
        publisher.table.remove(id)
        publisher.publish(.connectionClosed(
            connection: id, reason: reason, requests: requests, bytesIn: bytesIn, bytesOut: bytesOut, at: now))
    }

    private static let overLimitResponse = Array(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 31\r\nConnection: close\r\n\r\n503 Too many open connections\r\n".utf8)
}
