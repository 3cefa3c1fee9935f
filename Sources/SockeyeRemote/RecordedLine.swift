#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPCore
import SockeyeEvents

/// One line of a `--record` file (the `--log-format json` schema) and the event it stands for.
/// Times become nanoseconds on the recording's own clock (its Unix milliseconds).
struct RecordedLine: Decodable {
    let type: String
    let timeUnixMs: UInt64
    let connection: UInt64?
    let peer: String?
    let reason: String?
    let requests: Int?
    let bytesIn: Int?
    let bytesOut: Int?
    let request: Int?
    let method: String?
    let target: String?
    let version: String?
    let status: Int?
    let chunked: Bool?
    let durationMs: Double?
    let waitMs: Double?
    let blockedBy: String?
    let size: Int?
    let cipher: String?
    let alpn: String?
    let serverName: String?
    let handshakeMs: Double?

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    /// The event, or nil for a line of a type this version does not know or that lacks a field.
    var event: ServerEvent? {
        let at = timeUnixMs * 1_000_000
        guard let connection else { return nil }
        switch type {
        case "connection_opened":
            return .connectionOpened(connection: connection, peer: peer ?? "?", at: at)
        case "connection_closed":
            return .connectionClosed(connection: connection, reason: reason.flatMap(CloseReason.init(rawValue:)) ?? .error,
                                     requests: requests ?? 0, bytesIn: bytesIn ?? 0, bytesOut: bytesOut ?? 0, at: at)
        case "request_head":
            guard let request, let method, let target else { return nil }
            return .requestHead(connection: connection, sequence: request, method: method, target: target, at: at)
        case "response_started":
            guard let request, let status else { return nil }
            return .responseStarted(connection: connection, sequence: request, status: status, wait: Self.ns(waitMs),
                                    blockedBy: blockedBy, at: at)
        case "chunk_sent", "chunk_received":
            guard let request, let size else { return nil }
            return type == "chunk_sent" ? .chunkSent(connection: connection, sequence: request, size: size, at: at)
                : .chunkReceived(connection: connection, sequence: request, size: size, at: at)
        case "request_completed":
            guard let request, let method, let target, let status else { return nil }
            return .requestCompleted(RequestRecord(
                connection: connection, sequence: request, method: method, target: target, version: version, status: status,
                bytesIn: bytesIn ?? 0, bytesOut: bytesOut ?? 0, chunked: chunked ?? false, finishedAt: at,
                duration: Self.ns(durationMs), wait: Self.ns(waitMs), blockedBy: blockedBy, peer: peer ?? "?"))
        case "request_rejected":
            guard let status else { return nil }
            return .requestRejected(connection: connection, status: status, reason: reason ?? "", peer: peer ?? "?", bytesOut: 0, at: at)
        case "tls_established":
            return .tlsEstablished(TLSHandshakeRecord(connection: connection, version: version ?? "?", cipher: cipher ?? "?",
                                                      alpn: alpn, serverName: serverName, duration: Self.ns(handshakeMs), at: at))
        case "tls_failed":
            return .tlsFailed(connection: connection, reason: reason ?? "", peer: peer ?? "?", at: at)
        default:
            return nil
        }
    }

    private static func ns(_ milliseconds: Double?) -> UInt64 {
        guard let milliseconds, milliseconds.isFinite, milliseconds > 0 else { return 0 }
        return UInt64((milliseconds * 1e6).rounded())
    }
}
