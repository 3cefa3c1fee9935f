/// The last response head a thread wrote, as bytes: a server answering the same route again and
/// again (`GET /` under load) copies it instead of writing it field by field. It holds for one
/// `Date` value, so it is rebuilt at least once a second. Confined to one thread.
public final class ResponseHeadCache {
    /// What the head's framing lines depend on besides the response itself.
    struct Shape: Equatable {
        var framing: ResponseFraming
        var keepAlive: Bool
        var http10: Bool
    }

    private var head: ResponseHead?
    private var shape: Shape?
    private var date = ""
    private(set) var bytes: [UInt8] = []

    public init() {}

    /// Whether the kept bytes are this head's. A static response's arrays are the very ones kept
    /// (held here, so never reused for other contents): comparing them is an identity check.
    func holds(_ candidate: ResponseHead, shape candidateShape: Shape, date candidateDate: String) -> Bool {
        guard let head, head.status == candidate.status, shape == candidateShape, date == candidateDate else { return false }
        return head.fields.storage == candidate.fields.storage && head.fields.entries == candidate.fields.entries
    }

    func store(_ head: ResponseHead, shape: Shape, date: String, encode: (inout [UInt8]) -> Void) {
        self.head = head
        self.shape = shape
        self.date = date
        bytes.removeAll(keepingCapacity: true)
        encode(&bytes)
    }
}

@available(*, unavailable)
extension ResponseHeadCache: Sendable {}
