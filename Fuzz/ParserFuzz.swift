// libFuzzer target for HTTPCore's request parser, compiled together with HTTPCore's sources by
// scripts/fuzz.sh (swiftc -sanitize=fuzzer,address). Besides crashes and memory errors it checks
// the parser's central promise: the same bytes give the same events however they are split,
// and taking a bodiless request's end with `takeEnd()` is the same as receiving it from `next()`.

/// What the parser reported for one input, compared field by field (no string formatting, so
/// the oracle costs little next to the parses it checks).
enum Outcome: Equatable {
    case head(method: HTTPMethod, version: HTTPVersion, target: String, fields: HTTPFields, framing: BodyFraming,
              keepAlive: Bool, expectation: RequestHead.Expectation)
    case end(body: [UInt8], trailers: HTTPFields)
    case error(HTTPParseError)
}

/// The outcomes for `bytes` fed in pieces of `piece` bytes (0: all at once), bodies joined;
/// `takingEnds`: a head without a body has its end taken by `takeEnd()`, as a server does.
func outcomes(_ bytes: [UInt8], piece: Int, limits: ParserLimits, takingEnds: Bool = false) -> [Outcome] {
    var parser = RequestParser(limits: limits)
    var results: [Outcome] = []
    var body: [UInt8] = []
    func drain() {
        while let event = parser.next() {
            switch event {
            case .head(let head):
                results.append(.head(method: head.method, version: head.version, target: head.target, fields: head.fields,
                                     framing: head.framing, keepAlive: head.keepAlive, expectation: head.expectation))
                body = []
                if takingEnds && head.framing == .none {
                    precondition(parser.takeEnd(), "no end to take after a head without a body")
                    results.append(.end(body: [], trailers: HTTPFields()))
                }
            case .body(let part):
                precondition(!part.isEmpty, "empty body piece")
                body += part
            case .end(let trailers):
                results.append(.end(body: body, trailers: trailers))
            case .error(let error):
                precondition((400...505).contains(error.status), "error status out of range")
                results.append(.error(error))
            }
        }
    }
    if piece == 0 {
        parser.append(bytes)
        drain()
    } else {
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + piece, bytes.count)
            parser.append(bytes[offset..<end])
            drain()
            offset = end
        }
    }
    return results
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Small limits so every limit check is reachable within -max_len (600) bytes, which keeps
    // executions cheap: the one-byte split costs an append and a parse step per byte.
    let limits = ParserLimits(maxRequestLineBytes: 200, maxHeaderBytes: 400, maxFieldCount: 12, maxBodyBytes: 300)
    let whole = outcomes(bytes, piece: 0, limits: limits)
    for piece in [1, 2, 3, 7] {
        let split = outcomes(bytes, piece: piece, limits: limits)
        precondition(split == whole, "splitting the input into \(piece)-byte pieces changed the result")
    }
    for piece in [0, 3] {
        let taken = outcomes(bytes, piece: piece, limits: limits, takingEnds: true)
        precondition(taken == whole, "taking ends (pieces of \(piece)) changed the result")
    }
    return 0
}
