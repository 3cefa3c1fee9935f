/// Why a connection ended.
public enum CloseReason: String, Sendable, CaseIterable {
    case clientClosed = "client closed"
    case connectionClose = "Connection: close"
    case http10 = "HTTP/1.0"
    case idleTimeout = "idle timeout"
    case rejected = "rejected"
    case error = "error"
    case shutdown = "server shutdown"
    case overLimit = "connection limit"
    case tlsFailed = "TLS handshake failed"
}

/// One completed request, as the log and the statistics see it.
public struct RequestRecord: Sendable {
    public var connection: UInt64
    /// This request's number on its connection, from 1.
    public var sequence: Int
    public var method: String
    public var target: String
    public var version: String
    public var status: Int
    public var bytesIn: Int
    public var bytesOut: Int
    public var chunked: Bool
    /// Monotonic nanoseconds: head fully received, response started, response finished.
    public var headAt: UInt64
    public var startedAt: UInt64
    public var finishedAt: UInt64
    /// Head-of-line wait: how long this request waited behind earlier responses on its connection.
    public var wait: UInt64
    /// The request whose response it waited behind (e.g. `/slow`), when it waited.
    public var blockedBy: String?
    public var peer: String
    public var userAgent: String?
    public var referer: String?

    public init(
        connection: UInt64, sequence: Int, method: String, target: String, version: String, status: Int,
        bytesIn: Int, bytesOut: Int, chunked: Bool, headAt: UInt64, startedAt: UInt64, finishedAt: UInt64,
        wait: UInt64, blockedBy: String?, peer: String, userAgent: String?, referer: String?
    ) {
        self.connection = connection
        self.sequence = sequence
        self.method = method
        self.target = target
        self.version = version
        self.status = status
        self.bytesIn = bytesIn
        self.bytesOut = bytesOut
        self.chunked = chunked
        self.headAt = headAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.wait = wait
        self.blockedBy = blockedBy
        self.peer = peer
        self.userAgent = userAgent
        self.referer = referer
    }

    /// From head received to last byte queued for the socket.
    public var duration: UInt64 { finishedAt &- headAt }
}

/// What the server core publishes. Small values; formatting is left to consumers.
public enum ServerEvent: Sendable {
    case connectionOpened(connection: UInt64, peer: String, at: UInt64)
    case connectionClosed(connection: UInt64, reason: CloseReason, requests: Int, bytesIn: Int, bytesOut: Int, at: UInt64)
    case requestHead(connection: UInt64, sequence: Int, method: String, target: String, at: UInt64)
    case responseStarted(connection: UInt64, sequence: Int, status: Int, wait: UInt64, blockedBy: String?, at: UInt64)
    case chunkSent(connection: UInt64, sequence: Int, size: Int, at: UInt64)
    case chunkReceived(connection: UInt64, sequence: Int, size: Int, at: UInt64)
    case requestCompleted(RequestRecord)
    case requestRejected(connection: UInt64, status: Int, reason: String, peer: String, at: UInt64)
    case tlsEstablished(TLSHandshakeRecord)
    /// The handshake failed or timed out; the connection closes without HTTP.
    case tlsFailed(connection: UInt64, reason: String, peer: String, at: UInt64)

    public var timestamp: UInt64 {
        switch self {
        case .connectionOpened(_, _, let at), .connectionClosed(_, _, _, _, _, let at),
             .requestHead(_, _, _, _, let at), .responseStarted(_, _, _, _, _, let at),
             .chunkSent(_, _, _, let at), .chunkReceived(_, _, _, let at), .requestRejected(_, _, _, _, let at),
             .tlsFailed(_, _, _, let at):
            at
        case .requestCompleted(let record): record.finishedAt
        case .tlsEstablished(let handshake): handshake.at
        }
    }

    public var connection: UInt64 {
        switch self {
        case .connectionOpened(let id, _, _), .connectionClosed(let id, _, _, _, _, _), .requestHead(let id, _, _, _, _),
             .responseStarted(let id, _, _, _, _, _), .chunkSent(let id, _, _, _), .chunkReceived(let id, _, _, _),
             .requestRejected(let id, _, _, _, _), .tlsFailed(let id, _, _, _):
            id
        case .requestCompleted(let record): record.connection
        case .tlsEstablished(let handshake): handshake.connection
        }
    }
}
