import HTTPCore
import Synchronization

/// The heads of one request and of its response, as the dashboard's inspector shows them.
public struct ExchangeHeads: Sendable, Equatable {
    public var connection: UInt64
    /// The request's number on its connection, from 1.
    public var sequence: Int
    /// The request head as the bytes that arrived (cut at the store's per-head limit).
    public var requestHead: [UInt8]
    /// The response head as the serializer wrote it; empty until the response is written.
    public var responseHead: [UInt8]

    public init(connection: UInt64, sequence: Int, requestHead: [UInt8], responseHead: [UInt8] = []) {
        self.connection = connection
        self.sequence = sequence
        self.requestHead = requestHead
        self.responseHead = responseHead
    }
}

/// The heads of the last `capacity` (32) requests and their responses, for the inspector. Bounded:
/// each head is cut at `headLimit` (8 KiB), so the store never holds more than 32 × 2 × 8 KiB.
/// Written only while a view shows the connection table (`ConnectionTable.isEnabled`), so a
/// headless or log-only server copies nothing into it.
public final class RecentExchanges: Sendable {
    public static let capacity = 32
    public static let headLimit = 8 * 1024

    private struct Ring {
        var entries: [ExchangeHeads] = []
        /// Where the next entry goes once the ring is full: the oldest one.
        var oldest = 0
    }

    private let ring = Mutex(Ring())

    public init() {}

    /// Keeps a request's head, replacing the oldest entry when full.
    public func recordRequest(connection: UInt64, sequence: Int, head: RequestHead) {
        let bytes = head.withReceivedBytes { Array($0.prefix(Self.headLimit)) }
        let entry = ExchangeHeads(connection: connection, sequence: sequence, requestHead: bytes)
        ring.withLock { ring in
            if ring.entries.count < Self.capacity {
                ring.entries.append(entry)
            } else {
                ring.entries[ring.oldest] = entry
                ring.oldest = (ring.oldest + 1) % Self.capacity
            }
        }
    }

    /// Adds the response head to its request's entry; nothing when that entry is gone (or never
    /// was: a rejection has no parsed head).
    /// Concrete bytes, not `some Collection`: called across modules, a generic here is not
    /// specialized and looked its metadata up on every response.
    public func recordResponse(connection: UInt64, sequence: Int, head: UnsafeBufferPointer<UInt8>) {
        ring.withLock { ring in
            guard let index = ring.entries.lastIndex(where: { $0.connection == connection && $0.sequence == sequence }) else {
                return
            }
            ring.entries[index].responseHead = Array(UnsafeBufferPointer(rebasing: head.prefix(Self.headLimit)))
        }
    }

    /// The entries, oldest first.
    public func snapshot() -> [ExchangeHeads] {
        ring.withLock { ring in Array(ring.entries[ring.oldest...] + ring.entries[..<ring.oldest]) }
    }
}
