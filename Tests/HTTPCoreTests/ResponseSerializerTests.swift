import HTTPCore
import Testing

/// A tiny response parser for round-trip checks: status, fields, and the body as framed.
struct ParsedResponse {
    var status: Int
    var fields: [(String, String)]
    var body: [UInt8]

    func field(_ name: String) -> String? { fields.first { $0.0.lowercased() == name.lowercased() }?.1 }

    init?(_ bytes: [UInt8], bodyExpected: Bool = true) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let headEnd = text.utf8.firstRange(of: "\r\n\r\n".utf8) else { return nil }
        let headText = String(text[..<headEnd.lowerBound])
        var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else { return nil }
        self.status = status
        fields = lines.map { line in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingPrefix(" ").description)
        }
        let rest = Array(bytes[text.utf8.distance(from: text.utf8.startIndex, to: headEnd.upperBound)...])
        body = []
        guard bodyExpected else { return }
        if let length = fields.first(where: { $0.0.lowercased() == "content-length" }).flatMap({ Int($0.1) }) {
            body = Array(rest.prefix(length))
        } else if fields.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1 == "chunked" }) {
            var index = 0
            while let lineEnd = rest[index...].firstRange(of: Array("\r\n".utf8)) {
                let size = Int(String(decoding: rest[index..<lineEnd.lowerBound], as: UTF8.self), radix: 16)!
                if size == 0 { break }
                body += rest[lineEnd.upperBound..<lineEnd.upperBound + size]
                index = lineEnd.upperBound + size + 2
            }
        }
    }
}

@Suite("Response serializer")
struct ResponseSerializerTests {
    let serializer = ResponseSerializer()
    let date = "Thu, 26 Nov 2026 19:00:00 GMT"

    @Test("the seed's hello response, byte for byte")
    func hello() {
        var output: [UInt8] = []
        let head = ResponseHead(status: 200, fields: HTTPFields([("Content-Type", "text/html")]))
        serializer.writeResponse(head, body: Array("Hello World!\n".utf8), requestMethod: .get, version: .http11,
                                 keepAlive: true, date: date, into: &output)
        let expected = "HTTP/1.1 200 OK\r\nDate: Thu, 26 Nov 2026 19:00:00 GMT\r\nServer: Sockeye\r\n"
            + "Content-Type: text/html\r\nContent-Length: 13\r\n\r\nHello World!\n"
        #expect(String(decoding: output, as: UTF8.self) == expected)
    }

    @Test("HEAD gets the GET's Content-Length but no body")
    func headRequest() {
        var output: [UInt8] = []
        serializer.writeResponse(ResponseHead(status: 200), body: Array("Hello".utf8), requestMethod: .head,
                                 version: .http11, keepAlive: true, date: date, into: &output)
        let parsed = ParsedResponse(output, bodyExpected: false)!
        #expect(parsed.field("Content-Length") == "5")
        #expect(String(decoding: output, as: UTF8.self).hasSuffix("\r\n\r\n"))
    }

    @Test("204, 304 and 1xx carry no body", arguments: [204, 304, 100])
    func noBody(status: Int) {
        var output: [UInt8] = []
        serializer.writeResponse(ResponseHead(status: status), body: Array("ignored".utf8), requestMethod: .get,
                                 version: .http11, keepAlive: true, date: date, into: &output)
        let text = String(decoding: output, as: UTF8.self)
        #expect(text.hasSuffix("\r\n\r\n"))
        #expect(!text.contains("ignored"))
        #expect(!text.contains("Content-Length"))
    }

    @Test("persistence is announced per version (RFC 9112 §9.3)")
    func connectionField() {
        var close: [UInt8] = [], keep10: [UInt8] = [], keep11: [UInt8] = []
        serializer.writeResponse(ResponseHead(status: 200), body: [], requestMethod: .get, version: .http11, keepAlive: false, date: date, into: &close)
        serializer.writeResponse(ResponseHead(status: 200), body: [], requestMethod: .get, version: .http10, keepAlive: true, date: date, into: &keep10)
        serializer.writeResponse(ResponseHead(status: 200), body: [], requestMethod: .get, version: .http11, keepAlive: true, date: date, into: &keep11)
        #expect(ParsedResponse(close)!.field("Connection") == "close")
        #expect(ParsedResponse(keep10)!.field("Connection") == "keep-alive")
        #expect(ParsedResponse(keep11)!.field("Connection") == nil)
    }

    @Test("chunked framing round-trips")
    func chunked() {
        var output: [UInt8] = []
        serializer.writeHead(ResponseHead(status: 200), framing: .chunked, requestMethod: .get, version: .http11,
                             keepAlive: true, date: date, into: &output)
        let pieces = ["chunk 1\n", "", String(repeating: "x", count: 300), "last\n"]
        for piece in pieces { ResponseSerializer.writeChunk(Array(piece.utf8), into: &output) }
        ResponseSerializer.writeLastChunk(into: &output)
        let text = String(decoding: output, as: UTF8.self)
        #expect(text.contains("Transfer-Encoding: chunked\r\n"))
        #expect(text.contains("\r\n12c\r\n"))
        #expect(text.hasSuffix("last\n\r\n0\r\n\r\n"))
        #expect(ParsedResponse(output)!.body == Array(pieces.joined().utf8))
    }

    @Test("a response written as a request body parses back through the request parser's chunked decoder")
    func chunkedThroughRequestParser() {
        var body: [UInt8] = []
        for piece in ["ab", "cde", "f"] { ResponseSerializer.writeChunk(Array(piece.utf8), into: &body) }
        ResponseSerializer.writeLastChunk(into: &body)
        let request = Array("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n".utf8) + body
        guard case .message(_, let decoded, _)? = parse(request).first else { Issue.record("not parsed"); return }
        #expect(decoded == Array("abcdef".utf8))
    }

    @Test("IMF-fixdate", arguments: [
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_795_719_600, "Thu, 26 Nov 2026 19:00:00 GMT"),
    ])
    func date(seconds: Int, expected: String) {
        #expect(HTTPDate.format(unixSeconds: seconds) == expected)
    }
}
