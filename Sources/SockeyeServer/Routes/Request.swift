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
    public var fields: HTTPFields { head.fields }
    public var body: [UInt8] { pending.body }
    /// The request target as sent (origin-form `/a?b`, absolute-form, or `*`).
    public var target: String { head.target }
    /// The target's path without its query.
    public var path: String { head.path }
    /// The query after `?`, or empty.
    public var query: String { head.query }

    /// The path's bytes (as `path`), and whether the target is the asterisk-form `*` (RFC 9112
    /// §3.2.4), without building a string: what the router matches.
    func withPathBytes<Result>(_ body: (_ path: UnsafeBufferPointer<UInt8>, _ isAsterisk: Bool) -> Result) -> Result {
        head.withLoggedBytes { target, _, _ in
            let isAsterisk = target.count == 1 && target[0] == UInt8(ascii: "*")
            guard let range = Self.pathRange(in: target) else {
                return ("/" as StaticString).withUTF8Buffer { body($0, isAsterisk) }
            }
            return body(UnsafeBufferPointer(rebasing: target[range]), isAsterisk)
        }
    }

    /// origin-form: up to `?`; absolute-form: after `scheme://authority`, up to `?` (RFC 9112 §3.2.2).
    /// nil where the path is empty, which means `/`.
    private static func pathRange(in target: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = 0
        if target.first != UInt8(ascii: "/") {
            guard let colon = target.firstIndex(of: UInt8(ascii: ":")), colon + 3 <= target.count else { return nil }
            start = target[(colon + 3)...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? target.count
            guard start < target.count, target[start] == UInt8(ascii: "/") else { return nil }
        }
        return start..<(target[start...].firstIndex(of: UInt8(ascii: "?")) ?? target.count)
    }
}
