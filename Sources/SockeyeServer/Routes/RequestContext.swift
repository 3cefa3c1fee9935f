import HTTPCore

/// Everything a handler sees: the request, its body, and where it came from.
public struct RequestContext: Sendable {
    public let head: RequestHead
    public let body: [UInt8]
    public let connection: ConnectionInfo
    /// This request's number on its connection, from 1.
    public let sequence: Int
    /// Monotonic nanoseconds now.
    public let now: UInt64
}
