import HTTPCore

/// One request and its response on an HTTP/2 connection (RFC 9113 §5.1): open until the client's
/// END_STREAM, then half-closed (remote) until the response's last frame.
struct HTTP2Stream {
    /// What is still to be sent after the response's HEADERS.
    enum Source {
        /// The handler has not answered yet.
        case awaitingHandler
        /// `/slow`: the response starts at `wakeAt`.
        case delayed(Response)
        /// Pieces still to queue, one per interval, from `wakeAt`.
        case chunks(ArraySlice<[UInt8]>, interval: UInt64)
        /// A file range the driver sends frame by frame (`.sendFile`).
        case file(FileBody, offset: Int, remaining: Int)
        /// A body produced while sent, asked for more every interval from `wakeAt`.
        case stream(any BodyStream)
        /// Nothing more than what is queued.
        case none
    }

    let id: UInt32
    let sequence: Int
    var head: RequestHead?
    var declaredLength: Int?
    var body: [UInt8] = []
    /// The client's END_STREAM arrived.
    var remoteClosed = false
    let headAt: UInt64
    /// How much DATA we may still send on it (§6.9.1); may go negative after a SETTINGS change.
    var sendWindow: Int
    /// How much DATA the client may still send on it.
    var receiveWindow: Int
    /// Received bytes not yet returned with a WINDOW_UPDATE.
    var unacknowledged = 0

    var source = Source.awaitingHandler
    var wakeAt: UInt64?
    /// DATA bytes waiting for flow-control window, and whether END_STREAM follows them.
    var queued: [UInt8] = []
    var queuedOffset = 0
    var endsAfterQueued = false
    /// A refused request whose client may still be sending: reset with NO_ERROR once answered (§8.1).
    var resetWhenAnswered = false

    var status = 0
    var startedAt: UInt64 = 0
    var bytesOut = 0
    var chunked = false

    init(id: UInt32, sequence: Int, headAt: UInt64, sendWindow: Int, receiveWindow: Int) {
        self.id = id
        self.sequence = sequence
        self.headAt = headAt
        self.sendWindow = sendWindow
        self.receiveWindow = receiveWindow
    }

    var queuedCount: Int { queued.count - queuedOffset }

    /// Appends body bytes after what is still queued, dropping what was already framed.
    mutating func enqueue(_ bytes: [UInt8]) {
        queued.removeSubrange(0..<queuedOffset)
        queuedOffset = 0
        queued += bytes
    }

    /// The handler has answered and everything it produced has been framed.
    var isAnswered: Bool {
        if case .none = source { return queuedCount == 0 && !endsAfterQueued }
        return false
    }

    var label: String { head?.target ?? "(\(status))" }
}
