/// What a handler may know about the connection a request arrived on (`/info` shows it).
/// A class: every request's context carries it, and one reference moves where a struct with a
/// string in it was copied field by field.
public final class ConnectionInfo: Sendable {
    public let id: UInt64
    public let peer: String
    public let model: IOModel

    public init(id: UInt64, peer: String, model: IOModel) {
        self.id = id
        self.peer = peer
        self.model = model
    }
}
