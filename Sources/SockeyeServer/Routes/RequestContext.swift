/// Everything a handler sees: the request, and where it came from.
public struct RequestContext: Sendable {
    public let request: Request
    public let connection: ConnectionInfo
    /// This request's number on its connection, from 1.
    public let sequence: Int
    /// Whether the connection stays open after this response (`/info` shows it).
    public let persistent: Bool
    /// Monotonic nanoseconds now.
    public let now: UInt64
}
