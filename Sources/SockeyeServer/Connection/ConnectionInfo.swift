/// What a handler may know about the connection a request arrived on (`/info` shows it).
/// A class: every request's context carries it, and one reference moves where a struct with a
/// string in it was copied field by field.
/// `@unchecked Sendable`: `peerBytes` is written in `init`, only read after, and freed in `deinit`.
public final class ConnectionInfo: @unchecked Sendable {
    public let id: UInt64
    public let peer: String
    /// `peer`'s UTF-8 bytes, which a request's record copies: a string handed to it was retained
    /// and released around every request.
    public let peerBytes: UnsafeBufferPointer<UInt8>
    public let model: IOModel

    public init(id: UInt64, peer: String, model: IOModel) {
        self.id = id
        self.peer = peer
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: peer.utf8.count)
        _ = bytes.initialize(from: peer.utf8)
        peerBytes = UnsafeBufferPointer(bytes)
        self.model = model
    }

    deinit {
        peerBytes.deallocate()
    }
}
