#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An admin endpoint's `GET /status`, as `StatusDocument` writes it: durations in seconds, times as
/// ages at the moment it was taken.
struct StatusReport: Decodable {
    struct Connections: Decodable {
        let open: Int
        let accepted: Int
        let refused: Int
    }

    struct Reuse: Decodable {
        let requestsPerConnection: [String: Int]
        let closeReasons: [String: Int]
    }

    struct Waits: Decodable {
        let waited: Int
        let p50Seconds: Double
        let p99Seconds: Double
        let maxSeconds: Double
        let recent: [Record]
    }

    struct Queued: Decodable {
        let sequence: Int
        let target: String
        let waitingSeconds: Double
    }

    struct Row: Decodable {
        let id: UInt64
        let peer: String
        let state: String
        let `protocol`: String?
        let openStreams: Int?
        let ageSeconds: Double
        let requests: Int
        let bytesIn: Int
        let bytesOut: Int
        let current: String?
        let tls: String?
        let tlsHandshakeSeconds: Double?
        let queued: [Queued]
    }

    struct Record: Decodable {
        let connection: UInt64
        let sequence: Int
        let method: String
        let target: String
        let version: String?
        let status: Int
        let bytesIn: Int?
        let bytesOut: Int
        let chunked: Bool?
        let ageSeconds: Double
        let durationSeconds: Double
        let waitSeconds: Double
        let blockedBy: String?
        let peer: String
    }

    let address: String
    let model: String
    let workers: Int
    let uptimeSeconds: Double
    let requests: Int
    let requestsPerSecondHistory: [Int]
    let rejected: Int
    let bytesIn: Int
    let bytesOut: Int
    let statusClasses: [String: Int]
    let eventsDropped: Int
    let tlsHandshakes: Int
    let tlsFailures: Int
    let connections: Connections
    let reuse: Reuse
    let waits: Waits
    let rejections: [String: Int]
    let openConnections: [Row]
    let recentRequests: [Record]

    /// Why a body is not a status report, in words for the fleet line.
    static func decode(_ body: [UInt8]) throws(StatusFetcher.Failure) -> StatusReport {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(StatusReport.self, from: Data(body)) } catch {
            throw StatusFetcher.Failure(reason: "/status is not Sockeye's status JSON")
        }
    }
}
