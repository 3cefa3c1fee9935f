import HTTPCore
import Testing

@Suite("HTTP-RULES vectors")
struct RequestParserRuleTests {
    @Test("protocol rule", arguments: ruleVectors)
    func rule(_ vector: RuleVector) {
        check(vector, limits: ParserLimits())
    }

    @Test("limit", arguments: limitVectors)
    func limit(_ vector: RuleVector) {
        check(vector, limits: smallLimits)
    }

    @Test("error statuses map as HTTP-RULES says")
    func statuses() {
        #expect(HTTPParseError.requestLineTooLong.status == 414)
        #expect(HTTPParseError.headerSectionTooLarge.status == 431)
        #expect(HTTPParseError.tooManyFields.status == 431)
        #expect(HTTPParseError.bodyTooLarge.status == 413)
        #expect(HTTPParseError.unsupportedVersion.status == 505)
        #expect(HTTPParseError.unsupportedTransferCoding.status == 501)
        #expect(HTTPParseError.contentLengthWithTransferEncoding.status == 400)
    }

    private func check(_ vector: RuleVector, limits: ParserLimits) {
        let results = parse(Array(vector.raw.utf8), limits: limits)
        switch vector.expect {
        case .reject(let error):
            #expect(results.last == .rejected(error), "\(vector.rule): got \(results)")
        case .accept(let predicate):
            guard case .message(let head, let body, let trailers)? = results.first else {
                Issue.record("\(vector.rule): not accepted, got \(results)")
                return
            }
            #expect(results.count == 1, "\(vector.rule): \(results)")
            #expect(predicate(head, body, trailers), "\(vector.rule): \(results)")
        }
    }
}

@Suite("Split equivalence")
struct SplitEquivalenceTests {
    static let allVectors = ruleVectors.map { ($0, ParserLimits()) } + limitVectors.map { ($0, smallLimits) }

    @Test("one byte at a time gives the same result", arguments: allVectors.map(\.0.rule))
    func byteByByte(_ rule: String) {
        let (vector, limits) = Self.allVectors.first { $0.0.rule == rule }!
        let bytes = Array(vector.raw.utf8)
        #expect(byteAtATime(bytes, limits: limits) == parse(bytes, limits: limits))
    }

    @Test("random splits give the same result", arguments: allVectors.map(\.0.rule))
    func randomSplit(_ rule: String) {
        let (vector, limits) = Self.allVectors.first { $0.0.rule == rule }!
        let bytes = Array(vector.raw.utf8)
        let whole = parse(bytes, limits: limits)
        for seed in UInt64(1)...20 {
            #expect(randomSplits(bytes, seed: seed, limits: limits) == whole, "seed \(seed)")
        }
    }

    @Test("pipelined requests in one buffer parse one after another")
    func pipelined() {
        let raw = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
            + "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"
            + "GET /d HTTP/1.0\r\n\r\n"
        let bytes = Array(raw.utf8)
        let whole = parse(bytes)
        let paths = whole.compactMap { result -> String? in
            if case .message(let head, _, _) = result { return head.path } else { return nil }
        }
        #expect(paths == ["/a", "/echo", "/c", "/d"])
        #expect(byteAtATime(bytes) == whole)
        for seed in UInt64(1)...50 { #expect(randomSplits(bytes, seed: seed) == whole) }
    }

    @Test("keep-alive heads parsed into the last head's arrays each keep their own fields")
    func reusedArrays() {
        // The same number of fields as the head before (overwritten in place), fewer, and more;
        // last, requests all of one length (the input lands in the array of the head two
        // before, and is overwritten in place).
        let heads: [(target: String, fields: [String])] = [
            ("/a", ["Host: a", "Accept: */*"]), ("/bb", ["Host: bbbb", "User-Agent: x/1"]), ("/c", ["Host: c"]),
            ("/d", ["Host: d", "X-One: 1", "X-Two: 2"]), ("/e", ["Host: e", "X-Three: 3", "X-Four: four"]),
            ("/x", ["Host: y", "X-Three: 9", "X-Four: FOUR"]), ("/y", ["Host: z", "X-Three: 7", "X-Four: Four"]),
            ("/z", ["Host: w", "X-Three: 5", "X-Four: fOUR"]),
        ]
        var parser = RequestParser()
        for (target, fields) in heads {
            // As a server appends what it read: the raw-buffer path.
            let bytes = Array(("GET \(target) HTTP/1.1\r\n" + fields.map { $0 + "\r\n" }.joined() + "\r\n").utf8)
            bytes.withUnsafeBytes { parser.append($0) }
            guard case .head(let head)? = parser.next() else {
                Issue.record("no head for \(target)")
                return
            }
            #expect(head.target == target)
            #expect(head.fields.pairs.map { "\($0.name): \($0.value)" } == fields)
            guard case .end? = parser.next() else {
                Issue.record("no end for \(target)")
                return
            }
        }
    }

    @Test("takeEnd takes a bodiless request's end, and only where next() would give that end")
    func takeEnd() {
        var parser = RequestParser()
        parser.append(Array(("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"
            + "GET /c HTTP/1.1\r\nHost: x\r\n\r\n").utf8))
        let taken1 = parser.takeEnd()
        #expect(!taken1, "no end before any head")
        guard case .head(let first)? = parser.next() else { Issue.record("a head"); return }
        #expect(first.path == "/a")
        let taken2 = parser.takeEnd()
        #expect(taken2)
        let taken3 = parser.takeEnd()
        #expect(!taken3, "an end is taken once")
        guard case .head(let second)? = parser.next() else { Issue.record("a head"); return }
        #expect(second.path == "/b")
        let taken4 = parser.takeEnd()
        #expect(!taken4, "not while the body is due")
        let piece = parser.next()
        #expect(piece == .body(Array("hi".utf8)))
        let taken5 = parser.takeEnd()
        #expect(taken5, "a fixed-length body's end")
        guard case .head(let third)? = parser.next() else { Issue.record("a head"); return }
        #expect(third.path == "/c")
        let taken6 = parser.takeEnd()
        #expect(taken6)
        let none = parser.next()
        #expect(none == nil)
        #expect(!parser.isMidMessage)
    }

    @Test("a valid request followed by a smuggled one stops at the error")
    func errorStopsTheStream() {
        let raw = "GET /ok HTTP/1.1\r\nHost: x\r\n\r\nGET /bad HTTP/1.1\r\nHost : x\r\n\r\nGET /never HTTP/1.1\r\nHost: x\r\n\r\n"
        let results = parse(Array(raw.utf8))
        #expect(results.count == 2)
        #expect(results.last == .rejected(.whitespaceBeforeColon))
    }

    @Test("a body hidden request is body, not a second request")
    func requestInBody() {
        let hidden = "GET /admin HTTP/1.1\r\nHost: x\r\n\r\n"
        let raw = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(hidden.utf8.count)\r\n\r\n" + hidden
        let results = parse(Array(raw.utf8))
        #expect(results.count == 1)
        guard case .message(_, let body, _)? = results.first else { Issue.record("not parsed"); return }
        #expect(body == Array(hidden.utf8))
    }
}
