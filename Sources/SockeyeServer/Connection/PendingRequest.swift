import HTTPCore

/// One request on its way through a connection: its body arriving, waiting its turn, being
/// answered, and what is known of its response while it is produced. Or a rejection standing in
/// its place (answered in turn, then the connection closes).
///
/// A class, so each hand-over (queue, handler, response in progress) costs one reference, not a
/// copy of the head's arrays; and a keep-alive connection reuses its last one
/// once nothing else holds it (`HTTP1Connection.makePending`), so steady state allocates none.
final class PendingRequest {
    /// nil for a rejection, and once the request is answered.
    var head: RequestHead?
    /// What the connection reads of the head on every request, kept apart so reading them does
    /// not copy the head.
    private(set) var methodCode = MethodCode.get
    private(set) var version = HTTPVersion.http11
    private(set) var keepAlive = false
    var body: [UInt8] = []
    /// Non-zero when the parser or a timer refused the input: answer with this status and close.
    private(set) var rejectionStatus = 0
    private(set) var rejectionReason = ""
    var sequence: Int
    /// Monotonic ns when the head was fully received (the start of any head-of-line wait).
    var headAt: UInt64
    /// Set when earlier responses were still in progress as this request became ready.
    var blockedBy: String?
    /// `Expect: 100-continue` that could not be answered yet because earlier responses are pending.
    var owesContinue = false
    /// Its head went to the inspector's store (`EventPublisher.keepsHeads`): its response's goes too.
    private(set) var headsKept = false

    // Its response, from its turn (`HTTP1Connection.start`) to its completion record.
    /// Its head-of-line wait, measured as its turn came.
    var wait: UInt64 = 0
    /// Whether the connection stays open after the response: decided as its turn comes, and
    /// lowered when a shutdown begins before the head is written.
    var persists = false
    var startedAt: UInt64 = 0
    var status = 0
    var bytesOut = 0
    var chunked = false

    init(head: consuming RequestHead, sequence: Int, headAt: UInt64, headsKept: Bool = false) {
        self.sequence = sequence
        self.headAt = headAt
        self.headsKept = headsKept
        take(head)
    }

    init(rejection status: Int, reason: String, sequence: Int, headAt: UInt64) {
        rejectionStatus = status
        rejectionReason = reason
        self.sequence = sequence
        self.headAt = headAt
    }

    private func take(_ head: consuming RequestHead) {
        methodCode = head.methodCode
        version = head.version
        keepAlive = head.keepAlive
        self.head = consume head
    }

    var isRejection: Bool { rejectionStatus != 0 }

    /// Makes a used one new, for the connection's next request.
    func reset(head: consuming RequestHead, sequence: Int, headAt: UInt64, headsKept: Bool) {
        take(head)
        if !body.isEmpty { body.removeAll(keepingCapacity: true) }
        self.sequence = sequence
        self.headAt = headAt
        if blockedBy != nil { blockedBy = nil }
        owesContinue = false
        self.headsKept = headsKept
        wait = 0
        persists = false
        startedAt = 0
        status = 0
        bytesOut = 0
        chunked = false
    }

    var bytesIn: Int { body.count }

    /// Another token than the known methods is read from the head.
    var method: HTTPMethod { methodCode.method ?? head?.method ?? .get }

    var label: String {
        if isRejection { return "(\(rejectionStatus))" }
        return head?.target ?? ""
    }
}

@available(*, unavailable)
extension PendingRequest: Sendable {}
