/// How a response body is framed on the wire.
public enum ResponseFraming: Sendable, Equatable {
    /// `Content-Length: n`; for HEAD the length the GET body would have had.
    case length(Int)
    /// `Transfer-Encoding: chunked`; only for HTTP/1.1 requests.
    case chunked
}

/// A response's status and fields, minus the framing fields the serializer adds itself
/// (`Date`, `Server`, `Content-Length`/`Transfer-Encoding`, `Connection`).
public struct ResponseHead: Sendable, Equatable {
    public var status: Int
    public var fields: HTTPFields

    public init(status: Int, fields: HTTPFields = HTTPFields()) {
        self.status = status
        self.fields = fields
    }

    /// 1xx, 204 and 304 responses never carry a body (RFC 9110 §6.4.1).
    public var forbidsBody: Bool { status < 200 || status == 204 || status == 304 }
}
