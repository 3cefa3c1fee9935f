import HTTPCore

/// One parsed request with its body pieces joined, or the error that ended parsing.
enum Parsed: Equatable, CustomStringConvertible {
    case message(head: RequestHead, body: [UInt8], trailers: HTTPFields)
    case rejected(HTTPParseError)

    var description: String {
        switch self {
        case .message(let head, let body, let trailers):
            "\(head.method) \(head.target) \(head.version.text) \(head.fields.pairs) body=\(body.count)B trailers=\(trailers.pairs)"
        case .rejected(let error): "rejected(\(error), \(error.status))"
        }
    }
}

/// Feeds `bytes` to a parser in pieces of the given sizes (the rest in one piece) and collects
/// every outcome. Split-boundary bugs are the classic bug of hand-written parsers, so every
/// vector runs through here whole, byte by byte and in random splits.
func parse(_ bytes: [UInt8], pieces: [Int] = [], limits: ParserLimits = ParserLimits()) -> [Parsed] {
    var parser = RequestParser(limits: limits)
    var results: [Parsed] = []
    var head: RequestHead?
    var body: [UInt8] = []
    var offset = 0
    func drain() {
        while let event = parser.next() {
            switch event {
            case .head(let parsed): head = parsed; body = []
            case .body(let piece): body += piece
            case .end(let trailers): results.append(.message(head: head!, body: body, trailers: trailers)); head = nil
            case .error(let error): results.append(.rejected(error))
            }
        }
    }
    for size in pieces where offset < bytes.count {
        let end = min(offset + size, bytes.count)
        parser.append(bytes[offset..<end])
        offset = end
        drain()
    }
    parser.append(bytes[offset...])
    drain()
    return results
}

/// How many bytes, fed one at a time, the parser took before it reported an error; nil if it never did.
func bytesBeforeError(_ bytes: [UInt8], limits: ParserLimits = ParserLimits()) -> Int? {
    var parser = RequestParser(limits: limits)
    for (offset, byte) in bytes.enumerated() {
        parser.append(CollectionOfOne(byte))
        while let event = parser.next() {
            if case .error = event { return offset + 1 }
        }
    }
    return nil
}

func byteAtATime(_ bytes: [UInt8], limits: ParserLimits = ParserLimits()) -> [Parsed] {
    parse(bytes, pieces: Array(repeating: 1, count: bytes.count), limits: limits)
}

func randomSplits(_ bytes: [UInt8], seed: UInt64, limits: ParserLimits = ParserLimits()) -> [Parsed] {
    var generator = SplitMix(seed: seed)
    var pieces: [Int] = []
    var total = 0
    while total < bytes.count {
        let size = Int(generator.next() % 17) + 1
        pieces.append(size)
        total += size
    }
    return parse(bytes, pieces: pieces, limits: limits)
}

/// A tiny deterministic generator so a failing split can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array where Element == UInt8 {
    init(_ text: String) { self = Array(text.utf8) }
}
