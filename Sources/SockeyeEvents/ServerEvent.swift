/// Why a connection ended.
public enum CloseReason: String, Sendable, CaseIterable {
    case clientClosed = "client closed"
    case connectionClose = "Connection: close"
    case http10 = "HTTP/1.0"
    case idleTimeout = "idle timeout"
    case sendTimeout = "send timeout"
    case rejected = "rejected"
    case error = "error"
    case shutdown = "server shutdown"
    case overLimit = "connection limit"
    case tlsFailed = "TLS handshake failed"
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
    /// A request refused with `status` before any handler saw it; `bytesOut` is the response's size.
    case requestRejected(connection: UInt64, status: Int, reason: String, peer: String, bytesOut: Int, at: UInt64)
    case tlsEstablished(TLSHandshakeRecord)
    /// The handshake failed or timed out; the connection closes without HTTP.
    case tlsFailed(connection: UInt64, reason: String, peer: String, at: UInt64)

    /// The record of the completed request `event` points at, nil for any other event: the record
    /// alone is copied, one retain, where a pattern match in another module copied the whole event
    /// and destroyed it through its value witness. Not inlinable, so it stays that.
    @inline(never)
    public static func completedRecord(at event: UnsafePointer<ServerEvent>) -> RequestRecord? {
        if case .requestCompleted(let record) = event.pointee { record } else { nil }
    }

    public var timestamp: UInt64 {
        switch self {
        case .connectionOpened(_, _, let at), .connectionClosed(_, _, _, _, _, let at),
             .requestHead(_, _, _, _, let at), .responseStarted(_, _, _, _, _, let at),
             .chunkSent(_, _, _, let at), .chunkReceived(_, _, _, let at), .requestRejected(_, _, _, _, _, let at),
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
             .requestRejected(let id, _, _, _, _, _), .tlsFailed(let id, _, _, _):
            id
        case .requestCompleted(let record): record.connection
        case .tlsEstablished(let handshake): handshake.connection
        }
    }
}
