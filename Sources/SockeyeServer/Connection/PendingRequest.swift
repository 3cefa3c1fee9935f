import HTTPCore

/// A request received in full (or a rejection standing in its place), waiting for its turn:
/// responses leave a connection strictly in request order (RFC 9112 §9.3.2).
///
/// A class: it moves from the parser to the queue to the response in progress to the completion
/// record, and as a struct each of those copies retained the head's arrays and the body again.
final class PendingRequest {
    enum Kind {
        case request(RequestHead, body: [UInt8])
        /// The parser or a timer refused the input; answer with this and close.
        case rejection(status: Int, reason: String)
    }

    let kind: Kind
    let sequence: Int
    /// Monotonic ns when the head was fully received (the start of any head-of-line wait).
    let headAt: UInt64
    let bytesIn: Int
    /// Set when earlier responses were still in progress as this request became ready.
    var blockedBy: String?

    init(kind: Kind, sequence: Int, headAt: UInt64, bytesIn: Int) {
        self.kind = kind
        self.sequence = sequence
        self.headAt = headAt
        self.bytesIn = bytesIn
    }

    var head: RequestHead? {
        if case .request(let head, _) = kind { return head }
        return nil
    }

    var label: String {
        switch kind {
        case .request(let head, _): head.target
        case .rejection(let status, _): "(\(status))"
        }
    }
}

@available(*, unavailable)
extension PendingRequest: Sendable {}

/// The request whose head has arrived and whose body is still arriving.
struct InboundRequest {
    let head: RequestHead
    let sequence: Int
    let headAt: UInt64
    var body: [UInt8] = []
    /// `Expect: 100-continue` that could not be answered yet because earlier responses are pending.
    var owesContinue = false
}

/// A request whose turn has come, waiting for the driver to run its handler.
struct StartingRequest {
    let pending: PendingRequest
    let request: Request
    /// Its head-of-line wait, measured as its turn came.
    let wait: UInt64
    let keepAlive: Bool
}
