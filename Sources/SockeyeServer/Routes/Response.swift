import HTTPCore

/// An open file region to send as a body; the connection closes the descriptor when done.
public struct FileBody: Sendable {
    public let fd: Int32
    public let offset: Int
    public let length: Int
}

/// What a handler answers: a plan the I/O drivers carry out. Handlers never block; a delay or
/// a stream is described here and executed by the driver's timers.
public struct Response: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        /// Sent with chunked framing, one piece every `interval` nanoseconds.
        case chunks([[UInt8]], interval: UInt64)
        case file(FileBody)
    }

    public var head: ResponseHead
    public var body: Body
    /// Nanoseconds to wait before anything is written (`/slow`).
    public var delay: UInt64 = 0

    public init(status: Int, fields: [(String, String)] = [], body: Body = .bytes([]), delay: UInt64 = 0) {
        head = ResponseHead(status: status, fields: HTTPFields(fields))
        self.body = body
        self.delay = delay
    }

    public static func text(_ status: Int, _ text: String, fields: [(String, String)] = []) -> Response {
        Response(status: status, fields: [("Content-Type", "text/plain; charset=utf-8")] + fields, body: .bytes(Array(text.utf8)))
    }

    public static func json(_ status: Int, _ json: String) -> Response {
        Response(status: status, fields: [("Content-Type", "application/json")], body: .bytes(Array((json + "\n").utf8)))
    }

    /// The plain answer to a rejected request: status line text as the body.
    static func rejection(_ status: Int) -> Response {
        .text(status, "\(status) \(ReasonPhrase.of(status))\n")
    }
}
