/// An incremental HTTP/1.1 request parser: append bytes in any pieces, then call `next()`
/// until it returns nil. Feeding one byte at a time yields the same events as feeding all at
/// once, and a buffer holding several pipelined requests yields them one after another.
///
/// Sans-I/O: no sockets, clocks or threads — the driver owns those.
public struct RequestParser: Sendable {
    private enum State: Sendable {
        case head(SectionScanner)
        case fixedBody(remaining: Int)
        case chunkedBody(ChunkedDecoder)
        case trailers(SectionScanner)
        case messageEnd
        case failed
    }

    public let limits: ParserLimits
    private var buffer: [UInt8] = []
    private var start = 0
    private var state: State
    /// The arrays of the head handed out last, for the next head to reuse.
    private var headBuffers = HeadBuffers()

    public init(limits: ParserLimits = ParserLimits()) {
        self.limits = limits
        state = .head(SectionScanner(kind: .head, limits: limits))
    }

    /// True between the first byte of a request and its end: the connection is not idle.
    public var isMidMessage: Bool {
        switch state {
        case .head: start < buffer.count
        case .failed: false
        default: true
        }
    }

    /// True while a body is being read (the body timeout applies rather than the header timeout).
    public var isReadingBody: Bool {
        switch state {
        case .fixedBody, .chunkedBody, .trailers: true
        default: false
        }
    }

    /// Whether `next()` may yield an event: some input is unconsumed, or a message's end is due.
    /// When false it would return nil; asking first spares the caller receiving an empty event.
    public var canAdvance: Bool {
        if start < buffer.count { return true }
        if case .messageEnd = state { return true }
        return false
    }

    /// When the next event would be `.end` with no trailers and nothing else (after a head without
    /// a body, or a fixed-length body's last piece), takes that end without building the event,
    /// and returns true; otherwise does nothing and returns false. A server answering a head
    /// without a body takes its end at once, not in another round of `next()`.
    public mutating func takeEnd() -> Bool {
        guard case .messageEnd = state else { return false }
        state = .head(SectionScanner(kind: .head, limits: limits))
        return true
    }

    /// Bytes received but not yet consumed by `next()`.
    public var bufferedByteCount: Int { buffer.count - start }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if case .failed = state { return }
        compact()
        buffer.append(contentsOf: bytes)
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if case .failed = state { return }
        bytes.withMemoryRebound(to: UInt8.self) { bytes in
            if start == buffer.count && buffer.capacity <= Self.keptCapacity {
                // Everything was consumed (the common case): the new bytes replace it all.
                buffer.replaceContents(with: bytes)
                start = 0
            } else {
                compact()
                buffer.append(contentsOf: bytes)
            }
        }
    }

    public mutating func next() -> ParseEvent? {
        // Between requests with nothing buffered: no head to scan (checked before the scanner is copied out).
        if start == buffer.count, case .head = state { return nil }
        switch state {
        case .head(var scanner):
            // A complete head usually arrives whole: parse it in one pass. Tried once per head,
            // so a head fed in pieces stays linear.
            if scanner.isFresh, start < buffer.count, let parsed = parseBufferedHead() { return parsed }
            let outcome = buffer.withUnsafeBufferPointer { scanner.scan(UnsafeBufferPointer(rebasing: $0[start...])) }
            switch outcome {
            case .needMore:
                state = .head(scanner)
                return nil
            case .leadingEmptyLine(let length):
                start += length
                state = .head(SectionScanner(kind: .head, limits: limits))
                return next()
            case .failed(let error):
                return fail(error)
            case .complete(let length):
                return finishHead(length: length)
            }
        case .fixedBody(let remaining):
            guard start < buffer.count else { return nil }
            let take = min(remaining, buffer.count - start)
            let piece = Array(buffer[start..<start + take])
            start += take
            state = take == remaining ? .messageEnd : .fixedBody(remaining: remaining - take)
            return .body(piece)
        case .chunkedBody(var decoder):
            do {
                var index = start
                let output = try buffer.withUnsafeBufferPointer { (bytes) throws(HTTPParseError) in
                    try decoder.decode(bytes, index: &index)
                }
                start = index
                switch output {
                case nil:
                    state = .chunkedBody(decoder)
                    return nil
                case .data(let range)?:
                    state = .chunkedBody(decoder)
                    return .body(Array(buffer[range]))
                case .lastChunk?:
                    state = .trailers(SectionScanner(kind: .trailers, limits: limits))
                    return next()
                }
            } catch {
                return fail(error)
            }
        case .trailers(var scanner):
            let outcome = buffer.withUnsafeBufferPointer { scanner.scan(UnsafeBufferPointer(rebasing: $0[start...])) }
            switch outcome {
            case .needMore, .leadingEmptyLine:
                state = .trailers(scanner)
                return nil
            case .failed(let error):
                return fail(error)
            case .complete(let length):
                return finishTrailers(length: length)
            }
        case .messageEnd:
            state = .head(SectionScanner(kind: .head, limits: limits))
            return .end(trailers: HTTPFields())
        case .failed:
            return nil
        }
    }

    private mutating func finishHead(length: Int) -> ParseEvent {
        let bytes = Array(buffer[start..<start + length])
        start += length
        do {
            return begin(try HeadParser(limits: limits).parse(bytes))
        } catch {
            return fail(error)
        }
    }

    private mutating func parseBufferedHead() -> ParseEvent? {
        let parsed = HeadParser(limits: limits).parseBuffered(&buffer, from: start, in: &headBuffers)
        headBuffers.trim()
        guard let parsed else { return nil }
        start = parsed.end
        return begin(parsed.head)
    }

    /// Inlined: called out of line, the head was copied and destroyed once more through
    /// outlined value operations (~380 instructions per head on the whole-head path).
    @inline(__always)
    private mutating func begin(_ head: RequestHead) -> ParseEvent {
        switch head.framing {
        case .none: state = .messageEnd
        case .length(let count): state = .fixedBody(remaining: count)
        case .chunked: state = .chunkedBody(ChunkedDecoder(limits: limits))
        }
        return .head(head)
    }

    private mutating func finishTrailers(length: Int) -> ParseEvent {
        let bytes = Array(buffer[start..<start + length])
        start += length
        var entries: [HTTPFields.Entry] = []
        var known = KnownFields()
        do {
            _ = try bytes.withUnsafeBufferPointer { (raw) throws(HTTPParseError) in
                try HeadParser(limits: limits).parseFields(raw, from: 0, into: &entries, known: &known)
            }
        } catch {
            return fail(error)
        }
        state = .head(SectionScanner(kind: .head, limits: limits))
        return .end(trailers: HTTPFields(storage: bytes, entries: entries))
    }

    private mutating func fail(_ error: HTTPParseError) -> ParseEvent {
        state = .failed
        buffer = []
        headBuffers = HeadBuffers()
        start = 0
        return .error(error)
    }

    /// The largest input buffer kept once drained.
    private static let keptCapacity = 4096

    /// Drops consumed bytes; cheap when everything was consumed (the common case). A large buffer
    /// is released once drained, so an idle keep-alive connection holds almost nothing (at most
    /// this buffer's 4 KiB and the last head's `HeadBuffers`).
    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= Self.keptCapacity)
            start = 0
        } else if start > 32 * 1024 || start > buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
