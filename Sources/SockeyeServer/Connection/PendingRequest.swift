import HTTPCore

/// One request on its way through a connection: its body arriving, waiting its turn, being
/// answered. Or a rejection standing in its place (answered in turn, then the connection closes).
///
/// A class, so each hand-over (queue, response in progress, handler's `Request`) costs one
/// reference, not a copy of the head's arrays; and a keep-alive connection reuses its last one
/// once nothing else holds it (`HTTP1Connection.makePending`), so steady state allocates none.
final class PendingRequest {
    /// nil for a rejection.
    var head: RequestHead?
    var body: [UInt8] = []
    /// The parser or a timer refused the input: answer with this status and close.
    var rejection: (status: Int, reason: String)?
    var sequence: Int
    /// Monotonic ns when the head was fully received (the start of any head-of-line wait).
    var headAt: UInt64
    /// Set when earlier responses were still in progress as this request became ready.
    var blockedBy: String?
    /// `Expect: 100-continue` that could not be answered yet because earlier responses are pending.
    var owesContinue = false

    init(head: RequestHead?, sequence: Int, headAt: UInt64) {
        self.head = head
        self.sequence = sequence
        self.headAt = headAt
    }

    /// Makes a used one new, for the connection's next request.
    func reset(head: RequestHead, sequence: Int, headAt: UInt64) {
        self.head = head
        body.removeAll(keepingCapacity: true)
        rejection = nil
        self.sequence = sequence
        self.headAt = headAt
        blockedBy = nil
        owesContinue = false
    }

    var bytesIn: Int { body.count }

    var label: String {
        if let head { return head.target }
        return "(\(rejection?.status ?? 0))"
    }
}

@available(*, unavailable)
extension PendingRequest: Sendable {}

/// A request whose turn has come, waiting for the driver to run its handler.
struct StartingRequest {
    let pending: PendingRequest
    /// Its head-of-line wait, measured as its turn came.
    let wait: UInt64
    let keepAlive: Bool
}
