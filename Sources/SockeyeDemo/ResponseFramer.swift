/// Finds where the response at the front of the received bytes ends (RFC 9112 §6.3): no body
/// after HEAD, 1xx, 204 and 304; chunked when chunked is the last transfer coding; else
/// Content-Length; else the body runs until the server closes the connection.
struct ResponseFramer {
    enum Progress {
        case needMore
        case complete(head: ReceivedHead, length: Int)
    }

    /// How the body ends, known once the head has arrived.
    private enum Body {
        case endsAt(Int, head: ReceivedHead)
        case chunked(ChunkedBodyScanner, head: ReceivedHead)
        case untilClose(start: Int, head: ReceivedHead)
    }

    let requestMethod: String
    let limits: ResponseLimits
    private var body: Body?

    init(requestMethod: String, limits: ResponseLimits) {
        self.requestMethod = requestMethod
        self.limits = limits
    }

    /// Looks at the bytes received so far, which start with this response; `endOfStream` when
    /// the server has closed its side and no more will come.
    mutating func scan(_ bytes: [UInt8], endOfStream: Bool) throws(ResponseReadError) -> Progress {
        if body == nil { body = try parsedHead(bytes) }
        switch body {
        case nil:
            return .needMore
        case .endsAt(let end, let head):
            return bytes.count >= end ? .complete(head: head, length: end) : .needMore
        case .chunked(var scanner, let head):
            let end = try scanner.bodyEnd(in: bytes)
            body = .chunked(scanner, head: head)
            return end.map { .complete(head: head, length: $0) } ?? .needMore
        case .untilClose(let start, let head):
            guard bytes.count - start <= limits.bodyBytes else {
                throw .tooLarge("body until close over \(limits.bodyBytes) bytes")
            }
            return endOfStream ? .complete(head: head, length: bytes.count) : .needMore
        }
    }

    /// How the body ends, or nil while the head is incomplete.
    private func parsedHead(_ bytes: [UInt8]) throws(ResponseReadError) -> Body? {
        let section = try CRLFLines.section(in: bytes, from: 0, limit: limits.headBytes, what: "response head")
        guard let (lines, headEnd) = section else { return nil }
        guard let statusLine = lines.first else { throw .malformed("an empty line where the status line belongs") }
        let head = try ReceivedHead(statusLine: bytes[statusLine], fieldLines: lines.dropFirst().map { bytes[$0] })
        return try framing(of: head, start: headEnd)
    }

    private func framing(of head: ReceivedHead, start: Int) throws(ResponseReadError) -> Body {
        let status = head.status
        if requestMethod == "HEAD" || status < 200 || status == 204 || status == 304 {
            return .endsAt(start, head: head)
        }
        let codings = head.values("transfer-encoding")
        let lengths = head.values("content-length")
        if !codings.isEmpty {
            guard lengths.isEmpty else { throw .malformed("both Transfer-Encoding and Content-Length") }
            guard codings.last?.lowercased() == "chunked" else { return .untilClose(start: start, head: head) }
            return .chunked(ChunkedBodyScanner(bodyStart: start, limits: limits), head: head)
        }
        guard let length = lengths.first else { return .untilClose(start: start, head: head) }
        guard !length.isEmpty, length.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              lengths.allSatisfy({ $0 == length })
        else { throw .malformed("Content-Length \(lengths.joined(separator: ", "))") }
        guard let bodyLength = Int(length), bodyLength <= limits.bodyBytes else {
            throw .tooLarge("Content-Length \(length) over \(limits.bodyBytes) bytes")
        }
        return .endsAt(start + bodyLength, head: head)
    }
}
