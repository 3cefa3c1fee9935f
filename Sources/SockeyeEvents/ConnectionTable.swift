import Synchronization

/// What a connection is doing right now, as the dashboard shows it.
public enum ConnectionState: String, Sendable {
    case handshake, reading, handling, writing, idle
}

/// What a connection speaks: HTTP/1.1 (or 1.0), or HTTP/2.
public enum ConnectionProtocol: String, Sendable {
    case http1 = "h1"
    case http2 = "h2"
}

/// A request received in full and waiting behind an earlier response on its connection.
public struct QueuedRequest: Sendable, Equatable {
    /// Its number on the connection, from 1.
    public var sequence: Int
    /// Its target, e.g. `/info`.
    public var label: String
    /// Monotonic ns when its head arrived: its head-of-line wait so far is now minus this.
    public var since: UInt64

    public init(sequence: Int, label: String, since: UInt64) {
        self.sequence = sequence
        self.label = label
        self.since = since
    }
}

/// One open connection's live row.
public struct ConnectionRow: Sendable, Equatable {
    public var id: UInt64
    public var peer: String
    public var openedAt: UInt64
    public var state: ConnectionState
    public var requests: Int
    public var bytesIn: Int
    public var bytesOut: Int
    /// The request being read or answered, if any.
    public var current: String?
    /// For HTTPS connections: the TLS version agreed and how long the handshake took (ns).
    public var tlsVersion: String?
    public var handshakeTime: UInt64?
    /// The requests waiting behind `current`, oldest first (the head-of-line queue, live).
    public var queued: [QueuedRequest]
    /// Which server of a fleet it is on (`StatsSnapshot.instances`); 0 in a server's own views.
    public var instance: Int
    public var protocolName: ConnectionProtocol
    /// HTTP/2: the streams in flight, each answered as soon as it is ready (none waits for another).
    public var openStreams: Int

    public init(id: UInt64, peer: String, openedAt: UInt64, state: ConnectionState = .idle, requests: Int = 0,
                bytesIn: Int = 0, bytesOut: Int = 0, current: String? = nil, tlsVersion: String? = nil,
                handshakeTime: UInt64? = nil, queued: [QueuedRequest] = [], instance: Int = 0,
                protocolName: ConnectionProtocol = .http1, openStreams: Int = 0) {
        self.instance = instance
        self.protocolName = protocolName
        self.openStreams = openStreams
        self.id = id
        self.peer = peer
        self.openedAt = openedAt
        self.state = state
        self.requests = requests
        self.bytesIn = bytesIn
        self.bytesOut = bytesOut
        self.current = current
        self.tlsVersion = tlsVersion
        self.handshakeTime = handshakeTime
        self.queued = queued
    }
}

/// The live table of open connections, owned by the server and copied out at frame time. It is
/// never rebuilt from the lossy event stream, so a dropped "closed" event cannot leave a ghost row.
/// Sharded by connection id so producers on different threads rarely share a lock.
public final class ConnectionTable: Sendable {
    /// Mutex is non-copyable; a class per shard lets an array hold several.
    private final class Shard: Sendable {
        let rows = Mutex<[UInt64: ConnectionRow]>([:])
    }

    private let shards: [Shard]
    private let enabled = Atomic<Bool>(false)
    /// The heads of recent requests and responses, for the inspector; like the rows, written only
    /// while the table is enabled.
    public let recentExchanges = RecentExchanges()
    /// HTTP/2 connections' last frames, for the frames view.
    public let recentFrames = RecentFrames()

    /// Only a view that shows the table turns it on; until then producers skip it.
    public func enable() { enabled.store(true, ordering: .relaxed) }
    public var isEnabled: Bool { enabled.load(ordering: .relaxed) }

    public init(shards: Int = 16) {
        self.shards = (0..<shards).map { _ in Shard() }
    }

    public func upsert(_ row: ConnectionRow) {
        shard(row.id).rows.withLock { $0[row.id] = row }
    }

    public func remove(_ id: UInt64) {
        _ = shard(id).rows.withLock { $0.removeValue(forKey: id) }
    }

    public func snapshot() -> [ConnectionRow] {
        shards.flatMap { $0.rows.withLock { Array($0.values) } }.sorted { $0.id < $1.id }
    }

    private func shard(_ id: UInt64) -> Shard {
        shards[Int(id % UInt64(shards.count))]
    }
}
