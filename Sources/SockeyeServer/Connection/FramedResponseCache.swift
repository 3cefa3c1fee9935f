import HTTPCore

/// The last small response a thread wrote whole, as bytes (head and body), and the response it
/// was written for: when the next response is that very object (a static route's answer under
/// load), for a request that frames it the same way in the same `Date` second, the bytes are
/// copied instead of written field by field. Recognizing it is one pointer compare: a response's
/// storage is never changed while shared (copy on write), so the same object has the same
/// status, fields and body. Only responses with a `.bytes` body are kept. Confined to one thread.
final class FramedResponseCache {
    /// What the bytes depend on besides the response itself.
    struct Key: Equatable {
        var keepAlive: Bool
        var http10: Bool
        /// False for HEAD: the bytes are the head alone.
        var withBody: Bool
        /// The `Date` field's second.
        var second: Int
    }

    /// Responses with larger bodies are not kept (the key holds its body, and the bytes copy it).
    static let largestKeptBody = 4096

    /// Held, so its storage cannot be freed and reused by another response while it is the key.
    private var response: Response?
    /// Meaningful only while `response` is set.
    private var key = Key(keepAlive: false, http10: false, withBody: false, second: .min)
    /// The response's bytes, in raw memory the cache owns: read from an array, each response
    /// retained and released it.
    private var stored = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 0)
    private var count = 0

    deinit { stored.deallocate() }

    /// Appends the bytes to `output`.
    func append(to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(rebasing: stored[..<count]))
    }

    /// Whether `bytes` are `candidate` written with `candidateKey`. Inlined: it is asked for every response.
    @inline(__always)
    func holds(_ candidate: Response, key candidateKey: Key) -> Bool {
        guard let response, response.isSameObject(as: candidate) else { return false }
        return key == candidateKey
    }

    func store(_ candidate: Response, key: Key, bytes written: ArraySlice<UInt8>) {
        response = candidate
        self.key = key
        if written.count > stored.count {
            stored.deallocate()
            stored = .allocate(capacity: written.count)
        }
        count = stored.initialize(fromContentsOf: written)
    }
}

@available(*, unavailable)
extension FramedResponseCache: Sendable {}
