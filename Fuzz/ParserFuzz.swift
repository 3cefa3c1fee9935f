// libFuzzer target for HTTPCore's request parser, compiled together with HTTPCore's sources by
// scripts/fuzz.sh (swiftc -sanitize=fuzzer,address). Besides crashes and memory errors it checks
// the parser's central promise: the same bytes give the same events however they are split.

/// The events for `bytes` fed in pieces of `piece` bytes (0: all at once), bodies joined.
func outcomes(_ bytes: [UInt8], piece: Int, limits: ParserLimits) -> [String] {
    var parser = RequestParser(limits: limits)
    var results: [String] = []
    var body: [UInt8] = []
    func drain() {
        while let event = parser.next() {
            switch event {
            case .head(let head):
                results.append("head \(head.method) \(head.target) \(head.version) \(head.fields.pairs.map { "\($0.name)=\($0.value)" }) \(head.framing) \(head.keepAlive)")
                body = []
            case .body(let part):
                precondition(!part.isEmpty, "empty body piece")
                body += part
            case .end(let trailers):
                results.append("end body=\(body) trailers=\(trailers.pairs.map { "\($0.name)=\($0.value)" })")
            case .error(let error):
                precondition((400...505).contains(error.status), "error status out of range")
                results.append("error \(error)")
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
    // Small limits so the fuzzer reaches every limit check quickly.
    let limits = ParserLimits(maxRequestLineBytes: 200, maxHeaderBytes: 400, maxFieldCount: 12, maxBodyBytes: 2000)
    let whole = outcomes(bytes, piece: 0, limits: limits)
    for piece in [1, 2, 3, 7] {
        let split = outcomes(bytes, piece: piece, limits: limits)
        precondition(split == whole, "splitting the input into \(piece)-byte pieces changed the result")
    }
    return 0
}
