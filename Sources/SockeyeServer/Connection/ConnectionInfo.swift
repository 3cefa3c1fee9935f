/// What a handler may know about the connection a request arrived on (`/info` shows it).
public struct ConnectionInfo: Sendable {
    public let id: UInt64
    public let peer: String
    public let model: IOModel
}
