import HTTPCore

/// A request as a handler sees it, whatever protocol carried it: method, target, fields and the
/// whole body (bounded by the body limit). It holds no framing (version, `Connection`,
/// `Transfer-Encoding`, `Expect` are the connection's business), so an HTTP/1.1 connection and an
/// HTTP/2 stream can drive the same handlers.
public struct Request: @unchecked Sendable {
    // @unchecked: the connection that owns `pending` changes it only between requests, once it
    // holds the only reference; while a handler can see it, it does not change.
    let pending: PendingRequest

    init(_ pending: PendingRequest) { self.pending = pending }

    public init(head: RequestHead, body: [UInt8]) {
        pending = PendingRequest(head: head, sequence: 1, headAt: 0)
        pending.body = body
    }

    private var head: RequestHead { pending.head! }

    public var method: HTTPMethod { pending.method }
    var methodCode: MethodCode { pending.methodCode }
    public var fields: HTTPFields { head.fields }
    public var body: [UInt8] { pending.body }
    /// The request target as sent (origin-form `/a?b`, absolute-form, or `*`).
    public var target: String { head.target }
    /// The target's path without its query.
    public var path: String { head.path }
    /// The query after `?`, or empty.
    public var query: String { head.query }

    /// `path`'s bytes (what the router matches).
    func withPathBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result { head.withPathBytes(body) }

    /// Whether the target is the asterisk-form `*` (RFC 9112 §3.2.4).
    var isAsteriskForm: Bool { head.isAsteriskForm }
}
