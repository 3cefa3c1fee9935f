import HTTPCore
import SockeyeEvents
import SockeyeSockets
import Synchronization

/// What every driver thread shares: settings, routes, the event side, and the connection count
/// that enforces `--max-connections` across all loops and threads.
final class ServerContext: Sendable {
    let config: ServerConfig
    let settings: ConnectionSettings
    let router: Router
    let bus: EventBus
    let counters: ServerCounters
    let table: ConnectionTable
    let stopping = Atomic<Bool>(false)
    private let nextConnectionID = Atomic<UInt64>(1)
    private let open = Atomic<Int>(0)

    init(config: ServerConfig, bus: EventBus, counters: ServerCounters, table: ConnectionTable, startedAt: UInt64) {
        self.config = config
        settings = ConnectionSettings(config)
        router = Router(config: config, startedAt: startedAt)
        self.bus = bus
        self.counters = counters
        self.table = table
    }

    /// Events from outside a connection's state machine (admission, a thread that could not
    /// start): into the thread's batch when there is one, else published at once.
    private func publish(_ event: @autoclosure () -> ServerEvent, via batch: EventBatch? = nil) {
        guard bus.detail >= .summary else { return }
        if let batch { batch.append(event()) } else { bus.publish(event()) }
    }

    var openConnections: Int { open.load(ordering: .relaxed) }

    /// Admits a new connection, or refuses it with a 503 when the server is at its limit — the
    /// excess client gets a clear answer and the connections already open are not disturbed.
    /// - Parameter events: the calling thread's batch, when the connection's other events go
    ///   through it too (the event loop); nil publishes at once (the thread model's acceptor, whose
    ///   connection threads publish into this connection's ring).
    func admit(_ socket: Socket, peer: SocketAddress, events: EventBatch? = nil, now: UInt64) -> ConnectionInfo? {
        let id = nextConnectionID.add(1, ordering: .relaxed).oldValue
        let count = open.add(1, ordering: .relaxed).newValue
        if count > config.maxConnections {
            open.subtract(1, ordering: .relaxed)
            counters.connectionsRefused.add(1, ordering: .relaxed)
            counters.countRejection(status: 503, reason: "connection limit")
            // A TLS client would read a plaintext 503 as a broken handshake: it is just closed.
            var written = 0
            if config.tls == nil {
                try? socket.setNonBlocking()
                written = Self.overLimitResponse.withUnsafeBytes { (try? socket.write($0)) ?? 0 }
            }
            socket.close()
            publish(.requestRejected(connection: id, status: 503, reason: "connection limit", peer: peer.description,
                                     bytesOut: written, at: now), via: events)
            return nil
        }
        counters.connectionsAccepted.add(1, ordering: .relaxed)
        counters.connectionsActive.add(1, ordering: .relaxed)
        let info = ConnectionInfo(id: id, peer: peer.description, model: config.model)
        publish(.connectionOpened(connection: id, peer: info.peer, at: now), via: events)
        if table.isEnabled {
            table.upsert(ConnectionRow(id: id, peer: info.peer, openedAt: now, state: config.tls == nil ? .idle : .handshake))
        }
        return info
    }

    /// - Parameter batch: the calling thread's, which its driver flushes.
    func makeConnection(_ info: ConnectionInfo, dates: DateCache, batch: EventBatch, now: UInt64) -> ServerConnection {
        let publisher = EventPublisher(bus: bus, counters: counters, table: table, batch: batch)
        return ServerConnection(info: info, settings: settings, publisher: publisher, dates: dates, now: now)
    }

    /// Counts a connection out and publishes why it closed, after its other events (same batch,
    /// and never stamped earlier than the last of them: `closed` is always its last line).
    func release(_ connection: some ConnectionMachine, now: UInt64) {
        countOut(connection.info.id, reason: connection.closeReason ?? .error, requests: connection.requestsServed)
        connection.publisher.publish(.connectionClosed(
            connection: connection.info.id, reason: connection.closeReason ?? .error, requests: connection.requestsServed,
            bytesIn: connection.bytesIn, bytesOut: connection.bytesOut, at: max(now, connection.lastEventAt)))
    }

    /// Counts out a connection that never got as far as a state machine (no thread for it).
    func release(_ id: UInt64, reason: CloseReason, now: UInt64) {
        countOut(id, reason: reason, requests: 0)
        publish(.connectionClosed(connection: id, reason: reason, requests: 0, bytesIn: 0, bytesOut: 0, at: now))
    }

    private func countOut(_ id: UInt64, reason: CloseReason, requests: Int) {
        open.subtract(1, ordering: .relaxed)
        counters.connectionsActive.subtract(1, ordering: .relaxed)
        counters.countClose(reason, requests: requests)
        table.remove(id)
    }

    private static let overLimitResponse = Array(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 31\r\nConnection: close\r\n\r\n503 Too many open connections\r\n".utf8)
}
