import Synchronization

/// One HTTP/2 frame a connection sent or received, as a frames view shows it (`nghttp -v`).
public struct FrameRecord: Sendable, Equatable {
    /// Monotonic ns.
    public var at: UInt64
    public var sent: Bool
    /// The raw frame type and flags (RFC 9113 §6).
    public var type: UInt8
    public var flags: UInt8
    public var stream: UInt32
    public var length: Int

    public init(at: UInt64, sent: Bool, type: UInt8, flags: UInt8, stream: UInt32, length: Int) {
        self.at = at
        self.sent = sent
        self.type = type
        self.flags = flags
        self.stream = stream
        self.length = length
    }
}

/// The last frames of the last HTTP/2 connections, for the dashboard's frames view: at most
/// `perConnection` frames for each of `connections` connections (the least recently active one
/// goes first). Written only while a view shows the table, like the inspector's heads.
public final class RecentFrames: Sendable {
    public static let perConnection = 200
    public static let connections = 32

    private struct Store {
        var frames: [UInt64: [FrameRecord]] = [:]
        /// Connection ids, least recently written first.
        var order: [UInt64] = []
    }

    private let store = Mutex(Store())

    public init() {}

    /// Adds a connection's frames, oldest first.
    public func append(connection: UInt64, _ frames: [FrameRecord]) {
        guard !frames.isEmpty else { return }
        store.withLock { store in
            var kept = store.frames[connection] ?? []
            kept += frames
            if kept.count > Self.perConnection { kept.removeFirst(kept.count - Self.perConnection) }
            store.frames[connection] = kept
            store.order.removeAll { $0 == connection }
            store.order.append(connection)
            if store.order.count > Self.connections { store.frames[store.order.removeFirst()] = nil }
        }
    }

    public func snapshot() -> [UInt64: [FrameRecord]] { store.withLock { $0.frames } }
}
