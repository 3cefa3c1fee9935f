import HTTPCore

/// The last response head a thread wrote, as bytes, and the response it was written for: when
/// the next response is that very object (a static route's answer under load), with the same
/// framing in the same `Date` second, its head is copied instead of written field by field.
/// Recognizing it is one pointer compare. Confined to one thread.
final class ResponseHeadCache {
    /// What a head's bytes depend on besides the response itself.
    struct Key: Equatable {
        var framing: ResponseFraming
        var keepAlive: Bool
        var http10: Bool
        /// The `Date` field's second.
        var second: Int
    }

    /// Responses with larger bodies are not kept as the key (the key holds its body).
    static let largestKeptBody = 4096

    /// Held, so its storage cannot be freed and reused by another response while it is the key.
    private var response: Response?
    private var key: Key?
    private(set) var bytes: [UInt8] = []

    /// Whether `bytes` are the head of `candidate` written with `candidateKey`.
    func holds(_ candidate: Response, key candidateKey: Key) -> Bool {
        guard let response, response.isSameObject(as: candidate) else { return false }
        return key == candidateKey
    }

    func store(_ candidate: Response, key: Key, head: ArraySlice<UInt8>) {
        response = candidate
        self.key = key
        bytes.replaceSubrange(bytes.indices, with: head)
    }
}

@available(*, unavailable)
extension ResponseHeadCache: Sendable {}
