import HTTPCore
import Testing

/// A head that goes wrong before its end: `decisive` ends with the byte that makes the verdict
/// certain, `rest` goes on without the empty line that would end the head.
struct EarlyErrorVector: CustomTestStringConvertible, Sendable {
    let rule: String
    let decisive: String
    let rest: String
    let error: HTTPParseError
    var limits = ParserLimits()

    var testDescription: String { rule }
}

let earlyErrorVectors: [EarlyErrorVector] = [
    .init(rule: "whitespace in a field name", decisive: "GET / HTTP/1.1\r\nHo ", rest: "st: x\r\n", error: .whitespaceBeforeColon),
    .init(rule: "a byte not allowed in a field name", decisive: "GET / HTTP/1.1\r\nHo(", rest: "st: x\r\n", error: .malformedField),
    .init(rule: "an empty field name", decisive: "GET / HTTP/1.1\r\n:", rest: " x\r\n", error: .malformedField),
    .init(rule: "obs-fold", decisive: "GET / HTTP/1.1\r\nHost: a\r\n ", rest: "b\r\n", error: .obsoleteLineFolding),
    .init(rule: "CR not followed by LF in a field value", decisive: "GET / HTTP/1.1\r\nHost: a\rX", rest: "\r\n", error: .invalidFieldValue),
    .init(rule: "NUL in a field value", decisive: "GET / HTTP/1.1\r\nHost: a\u{0}", rest: "b\r\n", error: .invalidFieldValue),
    .init(rule: "DEL in a long field value", decisive: "GET / HTTP/1.1\r\nX-A: " + String(repeating: "v", count: 30) + "\u{7F}",
          rest: "b\r\n", error: .invalidFieldValue),
    .init(rule: "bare LF ending a field line", decisive: "GET / HTTP/1.1\r\nHost: a\n", rest: "X-A: b\r\n", error: .bareLineFeed),
    .init(rule: "CR not followed by LF where the empty line would be", decisive: "GET / HTTP/1.1\r\nHost: a\r\n\rX", rest: "\r\n",
          error: .malformedField),
    .init(rule: "control byte in the method", decisive: "GE\u{1}", rest: "T / HTTP/1.1\r\n", error: .malformedRequestLine),
    .init(rule: "control byte in the target", decisive: "GET /a\u{1}", rest: "b HTTP/1.1\r\n", error: .invalidRequestTarget),
    .init(rule: "DEL in a long target", decisive: "GET /" + String(repeating: "p", count: 20) + "\u{7F}", rest: " HTTP/1.1\r\n",
          error: .invalidRequestTarget),
    .init(rule: "malformed version", decisive: "GET / HTTQ", rest: "/1.1\r\n", error: .malformedRequestLine),
    .init(rule: "unsupported version, at its last digit", decisive: "GET / HTTP/2.0", rest: "\r\nHost: a\r\n", error: .unsupportedVersion),
    .init(rule: "CR not followed by LF after the request line", decisive: "GET / HTTP/1.1\rX", rest: "Host: a\r\n",
          error: .malformedRequestLine),
    .init(rule: "whitespace in a trailer field name",
          decisive: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T ", rest: ": 1\r\n", error: .whitespaceBeforeColon),
    // The limits count bytes as they come: the first byte past the limit is the verdict.
    .init(rule: "request line over the limit", decisive: "GET /" + String(repeating: "a", count: 28), rest: "a HTTP/1.1\r\n",
          error: .requestLineTooLong, limits: smallLimits),
    .init(rule: "header section over the limit", decisive: "GET / HTTP/1.1\r\nHost: a\r\nX-A: " + String(repeating: "b", count: 51),
          rest: "b\r\n", error: .headerSectionTooLarge, limits: smallLimits),
]

@Suite("Early head errors")
struct EarlyErrorTests {
    @Test("a malformed byte is refused without waiting for the end of the head", arguments: earlyErrorVectors)
    func refusedBeforeTheEnd(_ vector: EarlyErrorVector) {
        let bytes = Array(vector.decisive + vector.rest)
        let expected = [Parsed.rejected(vector.error)]
        #expect(parse(bytes, limits: vector.limits) == expected)
        #expect(byteAtATime(bytes, limits: vector.limits) == expected)
        for seed in UInt64(1)...20 {
            #expect(randomSplits(bytes, seed: seed, limits: vector.limits) == expected, "seed \(seed)")
        }
    }

    @Test("the error comes with the byte that makes it certain", arguments: earlyErrorVectors)
    func refusedAtTheDecisiveByte(_ vector: EarlyErrorVector) {
        let bytes = Array(vector.decisive + vector.rest)
        #expect(bytesBeforeError(bytes, limits: vector.limits) == vector.decisive.utf8.count)
    }
}
