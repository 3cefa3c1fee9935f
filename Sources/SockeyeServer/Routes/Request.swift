import HTTPCore

/// A request as a handler sees it, whatever protocol carried it: method, target, fields and the
/// whole body (bounded by the body limit). It holds no framing (version, `Connection`,
/// `Transfer-Encoding`, `Expect` are the connection's business), so an HTTP/1.1 connection and an
/// HTTP/2 stream can drive the same handlers.
public struct Request: Sendable {
    private let head: RequestHead
    public let body: [UInt8]

    public init(head: RequestHead, body: [UInt8]) {
        self.head = head
        self.body = body
    }

    public var method: HTTPMethod { head.method }
    public var fields: HTTPFields { head.fields }
    /// The request target as sent (origin-form `/a?b`, absolute-form, or `*`).
    public var target: String { head.target }
    /// The target's path without its query.
    public var path: String { head.path }
    /// The query after `?`, or empty.
    public var query: String { head.query }
}
