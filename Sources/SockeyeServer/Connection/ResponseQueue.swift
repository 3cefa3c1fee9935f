import SockeyeEvents

/// Requests received in full (or rejections in their place) waiting for their turn, oldest
/// first: responses leave a connection strictly in request order (RFC 9112 §9.3.2). The
/// connection stops taking requests out of the parser at `ConnectionSettings.maxQueuedRequests`.
struct ResponseQueue {
    private var waiting: [PendingRequest] = []

    var count: Int { waiting.count }
    var isEmpty: Bool { waiting.isEmpty }
    var first: PendingRequest? { waiting.first }

    /// Queues a request behind `ahead`, the response in progress (or the oldest queued request
    /// when none is in progress): what it waits behind, shown in the head-of-line views.
    mutating func append(_ request: PendingRequest, behind ahead: String?) {
        request.blockedBy = ahead ?? waiting.first?.label
        waiting.append(request)
    }

    mutating func popFirst() -> PendingRequest? {
        waiting.isEmpty ? nil : waiting.removeFirst()
    }

    mutating func removeAll() { waiting.removeAll() }

    /// The live table's view of the queue.
    var rows: [QueuedRequest] {
        waiting.map { QueuedRequest(sequence: $0.sequence, label: $0.label, since: $0.headAt) }
    }
}
