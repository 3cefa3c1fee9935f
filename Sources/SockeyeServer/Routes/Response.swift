import HTTPCore

/// An open file region to send as a body; the connection closes the descriptor when done.
public struct FileBody: Sendable {
    public let fd: Int32
    public let offset: Int
    public let length: Int
}

/// A body made while it is sent (the admin's `/events`): the connection asks it for more on a
/// timer and sends what it gets as chunks (HTTP/1.1) or DATA (HTTP/2).
public protocol BodyStream: AnyObject, Sendable {
    /// Nanoseconds between asks.
    var interval: UInt64 { get }
    /// The bytes to send now and whether they end the body. `accepting` is false while the
    /// connection still holds much unsent output (a slow reader): the stream should then hold
    /// back, or end.
    func next(accepting: Bool) -> (bytes: [UInt8], isLast: Bool)
    /// The body will not be sent further (the connection closed, the stream was reset, the server
    /// stops): let go of what feeds it.
    func cancel()
}

extension BodyStream {
    /// The next bytes, or, once the server is stopping, the end: the stream is cancelled then, so
    /// the grace period is not spent on a body that never ends by itself.
    func next(accepting: Bool, shuttingDown: Bool) -> (bytes: [UInt8], isLast: Bool) {
        guard !shuttingDown else {
            cancel()
            return ([], true)
        }
        return next(accepting: accepting)
    }
}

/// What a handler answers: a plan the I/O drivers carry out. Handlers never block; a delay or
/// a stream is described here and executed by the driver's timers.
///
/// One reference to its parts, copied on write: a response passes from the handler through the
/// connection's steps, and as a plain struct each hand-over copied the head's arrays, the body
/// and an existential through value witnesses.
public struct Response: @unchecked Sendable {
    // @unchecked: `storage` is written only through `unique()`, which copies it first when it
    // is shared, so a storage another response (or thread) can see is never changed.
    public enum Body: Sendable {
        case bytes([UInt8])
        /// Sent with chunked framing, one piece every `interval` nanoseconds.
        case chunks([[UInt8]], interval: UInt64)
        case file(FileBody)
        /// Produced while sent, without a length.
        case stream(any BodyStream)
    }

    private final class Storage {
        var head: ResponseHead
        var body: Body
        var delay: UInt64

        init(head: ResponseHead, body: Body, delay: UInt64) {
            self.head = head
            self.body = body
            self.delay = delay
        }
    }

    private var storage: Storage

    public var head: ResponseHead {
        get { storage.head }
        _modify { yield &unique().head }
    }

    public var body: Body {
        get { storage.body }
        _modify { yield &unique().body }
    }

    /// The head's status, read without copying the head (and retaining its arrays) out of the storage.
    var status: Int { storage.head.status }

    /// Nanoseconds to wait before anything is written (`/slow`).
    public var delay: UInt64 {
        get { storage.delay }
        _modify { yield &unique().delay }
    }

    public init(status: Int, fields: [(String, String)] = [], body: Body = .bytes([]), delay: UInt64 = 0) {
        storage = Storage(head: ResponseHead(status: status, fields: HTTPFields(fields)), body: body, delay: delay)
    }

    /// Whether both are one response, not just equal ones (what `FramedResponseCache` keys on).
    func isSameObject(as other: Response) -> Bool { storage === other.storage }

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(head: storage.head, body: storage.body, delay: storage.delay)
        }
        return storage
    }

    public static func text(_ status: Int, _ text: String, fields: [(String, String)] = []) -> Response {
        Response(status: status, fields: [("Content-Type", "text/plain; charset=utf-8")] + fields, body: .bytes(Array(text.utf8)))
    }

    public static func json(_ status: Int, _ json: String) -> Response {
        Response(status: status, fields: [("Content-Type", "application/json")], body: .bytes(Array((json + "\n").utf8)))
    }

    /// The file a `.file` body holds open.
    var openFile: Int32? { if case .file(let file) = body { file.fd } else { nil } }

    /// The stream a `.stream` body is made by.
    var bodyStream: (any BodyStream)? { if case .stream(let stream) = body { stream } else { nil } }

    /// The plain answer to a rejected request: status line text as the body.
    static func rejection(_ status: Int) -> Response {
        .text(status, "\(status) \(ReasonPhrase.of(status))\n")
    }
}
