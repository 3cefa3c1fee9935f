import HTTPCore

/// A raw request and what the parser must make of it.
struct RuleVector: CustomTestStringConvertible, Sendable {
    enum Expectation: Sendable {
        /// Accepted; the check inspects the first message.
        case accept(@Sendable (RequestHead, [UInt8], HTTPFields) -> Bool)
        case reject(HTTPParseError)
    }

    let rule: String
    let raw: String
    let expect: Expectation

    var testDescription: String { rule }

    static func accept(_ rule: String, _ raw: String, _ check: @escaping @Sendable (RequestHead, [UInt8], HTTPFields) -> Bool = { _, _, _ in true }) -> RuleVector {
        RuleVector(rule: rule, raw: raw, expect: .accept(check))
    }

    static func reject(_ rule: String, _ raw: String, _ error: HTTPParseError) -> RuleVector {
        RuleVector(rule: rule, raw: raw, expect: .reject(error))
    }
}

import Testing

/// The head of a chunked request, for the vectors about chunk lines.
let chunkedHead = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"

/// Every rule of HTTP-RULES.md as raw bytes and the outcome it must have.
let ruleVectors: [RuleVector] = [
    // Framing and smuggling (RFC 9112 §6)
    .reject("CL + TE together is 400 (§6.3 ¶3)",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            .contentLengthWithTransferEncoding),
    .reject("TE + CL (TE first) is 400",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
            .contentLengthWithTransferEncoding),
    .reject("TE chunked, identity: chunked not final is 400 (§6.1)",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", .chunkedNotFinal),
    .reject("TE xchunked is 400", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n", .chunkedNotFinal),
    .reject("TE chunked twice is 400",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", .chunkedNotFinal),
    .reject("TE gzip, chunked: unknown coding is 501",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", .unsupportedTransferCoding),
    .reject("TE in HTTP/1.0 is 400", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .transferEncodingInHTTP10),
    .accept("TE Chunked is case-insensitive", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n") {
        head, body, _ in head.framing == .chunked && body == Array("abc".utf8)
    },
    .reject("Content-Length with a sign is 400", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello", .invalidContentLength),
    .reject("Content-Length negative is 400", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", .invalidContentLength),
    .reject("Content-Length in hex is 400", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x5\r\n\r\nhello", .invalidContentLength),
    .reject("Content-Length empty is 400", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n", .invalidContentLength),
    .reject("Content-Length with inner space is 400", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\n", .invalidContentLength),
    .reject("duplicate differing Content-Length is 400 (RFC 9110 §8.6)",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", .invalidContentLength),
    .reject("Content-Length list with differing values is 400",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\nhello!", .invalidContentLength),
    .accept("duplicate identical Content-Length is one length (RFC 9110 §8.6)",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello") {
        head, body, _ in head.framing == .length(5) && body == Array("hello".utf8)
    },
    .reject("Content-Length overflow is 400",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", .invalidContentLength),
    .reject("Content-Length over the body limit is 413 before the body",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10000000000\r\n\r\n", .bodyTooLarge),
    .accept("Content-Length body is delivered exactly", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\nHello!") {
        head, body, _ in head.method == .post && head.path == "/echo" && body == Array("Hello!".utf8)
    },
    .accept("no Content-Length and no TE means an empty body (§6.3 ¶7)", "POST / HTTP/1.1\r\nHost: a\r\n\r\n") {
        head, body, _ in head.framing == .none && body.isEmpty
    },

    // Chunked (RFC 9112 §7.1)
    .accept("chunked body with extension and trailer",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nX-Checksum: 42\r\n\r\n") {
        _, body, trailers in body == Array("hello, world".utf8) && trailers["x-checksum"] == "42"
    },
    .accept("chunk size in upper-case hex", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n") {
        _, body, _ in body.count == 10
    },
    .reject("chunk size 0x10 is 400",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0x10\r\n0123456789abcdef\r\n0\r\n\r\n", .invalidChunkSize),
    .reject("chunk size -1 is 400", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n", .invalidChunkSize),
    .reject("chunk size of 20 hex digits overflows: 400",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n", .invalidChunkSize),
    .reject("empty chunk size is 400", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", .invalidChunkSize),
    .reject("chunk data not followed by CRLF is 400",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n", .missingChunkDataTerminator),
    .reject("chunk size line with bare LF is 400 as in the head (§2.2)",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n", .bareLineFeed),
    .reject("control character in a chunk extension is 400",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;a\u{0}b\r\nabc\r\n0\r\n\r\n", .invalidChunkExtension),
    .reject("chunked body over the limit is 413 when it crosses",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n100001\r\n", .bodyTooLarge),
    // Chunk lines exactly as §7.1.1: chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
    .accept("chunk size in lower-case and mixed-case hex",
            chunkedHead + "b\r\n" + String(repeating: "x", count: 11) + "\r\naB\r\n" + String(repeating: "y", count: 171) + "\r\n0\r\n\r\n") {
        _, body, _ in body.count == 182
    },
    .accept("BWS around the extension's ; and = is accepted", chunkedHead + "2 ; a = b\r\nhi\r\n0\r\n\r\n") {
        _, body, _ in body == Array("hi".utf8)
    },
    .accept("an extension without a value after one with a value", chunkedHead + "2;a=b;c\r\nhi\r\n0\r\n\r\n") {
        _, body, _ in body == Array("hi".utf8)
    },
    .accept("quoted extension value with an escaped quote, ; = and obs-text inside",
            chunkedHead + "2;a=\"b\\\"c;d=e \u{E9}\"\r\nhi\r\n0\r\n\r\n") {
        _, body, _ in body == Array("hi".utf8)
    },
    .accept("last chunk with extensions", chunkedHead + "2\r\nhi\r\n0;a=\"b\";c\r\nX-T: 1\r\n\r\n") {
        _, body, trailers in body == Array("hi".utf8) && trailers["x-t"] == "1"
    },
    .reject("empty chunk extension name is 400", chunkedHead + "2;\r\nhi\r\n0\r\n\r\n", .invalidChunkExtension),
    .reject("two semicolons (an empty name between) are 400", chunkedHead + "2;;a\r\nhi\r\n0\r\n\r\n", .invalidChunkExtension),
    .reject("whitespace after the chunk size without an extension is 400", chunkedHead + "2 \r\nhi\r\n0\r\n\r\n", .invalidChunkSize),
    // BWS only ever precedes ";" or "=", so it cannot end a line.
    .reject("whitespace after an extension value before CRLF is 400", chunkedHead + "2;a=b \r\nhi\r\n0\r\n\r\n", .invalidChunkExtension),
    .reject("two words as an extension name are 400", chunkedHead + "2;a b\r\nhi\r\n0\r\n\r\n", .invalidChunkExtension),
    .reject("unbalanced quote in a chunk extension value is 400", chunkedHead + "2;a=\"b\r\nhi\r\n0\r\n\r\n", .invalidChunkExtension),
    .reject("a non-token byte in a chunk extension name is 400", chunkedHead + "2;a@b=c\r\nhi\r\n0\r\n\r\n", .invalidChunkExtension),
    .reject("= with no value in a chunk extension is 400", chunkedHead + "2;a=\r\nhi\r\n0\r\n\r\n", .invalidChunkExtension),
    .reject("a non-token byte in an unquoted extension value is 400", chunkedHead + "2;a=b/c\r\nhi\r\n0\r\n\r\n", .invalidChunkExtension),
    .reject("a control byte escaped in a quoted extension value is 400 (RFC 9110 §5.6.4)",
            chunkedHead + "2;a=\"\\\u{1}\"\r\nhi\r\n0\r\n\r\n", .invalidChunkExtension),
    .reject("text after a quoted extension value is 400", chunkedHead + "2;a=\"b\"c\r\nhi\r\n0\r\n\r\n", .invalidChunkExtension),
    .reject("bare LF ending a chunk line with an extension is 400", chunkedHead + "2;a=b\nhi\r\n0\r\n\r\n", .bareLineFeed),
    .reject("CR not followed by LF on a chunk line is 400", chunkedHead + "2;a=b\rhi\r\n0\r\n\r\n", .invalidChunkSize),
    .reject("last chunk with an empty extension name is 400", chunkedHead + "2\r\nhi\r\n0;\r\n\r\n", .invalidChunkExtension),
    .reject("last chunk with whitespace and no extension is 400", chunkedHead + "2\r\nhi\r\n0 \r\n\r\n", .invalidChunkSize),
    .reject("trailer with whitespace before colon is 400",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T : 1\r\n\r\n", .whitespaceBeforeColon),

    // Field syntax (RFC 9112 §5, RFC 9110 §5.5)
    .reject("whitespace between field name and colon is 400 (§5.1)", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", .whitespaceBeforeColon),
    .reject("Transfer-Encoding with a space before the colon is 400",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n", .whitespaceBeforeColon),
    .reject("obs-fold is 400 (§5.2)", "GET / HTTP/1.1\r\nHost: a\r\nX-Long: one\r\n two\r\n\r\n", .obsoleteLineFolding),
    .reject("obs-fold with a tab is 400", "GET / HTTP/1.1\r\nHost: a\r\nX-Long: one\r\n\ttwo\r\n\r\n", .obsoleteLineFolding),
    .reject("NUL in a field value is 400", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u{0}c\r\n\r\n", .invalidFieldValue),
    .reject("bare CR in a field value is 400", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n", .invalidFieldValue),
    .reject("DEL in a field value is 400", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u{7F}\r\n\r\n", .invalidFieldValue),
    .reject("field line without a colon is 400", "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", .malformedField),
    .reject("empty field name is 400", "GET / HTTP/1.1\r\nHost: a\r\n: value\r\n\r\n", .malformedField),
    .accept("obs-text (UTF-8) in a field value is accepted", "GET / HTTP/1.1\r\nHost: a\r\nX-City: Düsseldorf\r\n\r\n") {
        head, _, _ in head.fields["x-city"] == "Düsseldorf"
    },
    .accept("HTAB inside a value and OWS around it", "GET / HTTP/1.1\r\nHost: a\r\nX-A: \t one\ttwo \t\r\n\r\n") {
        head, _, _ in head.fields["X-A"] == "one\ttwo"
    },
    .accept("fields keep order and repeats; lookup ignores case",
            "GET / HTTP/1.1\r\nHost: a\r\nX-B: 1\r\nx-b: 2\r\nAccept: */*\r\n\r\n") {
        head, _, _ in head.fields.values(for: "X-B") == ["1", "2"] && head.fields.pairs.map(\.name) == ["Host", "X-B", "x-b", "Accept"]
    },
    .reject("HTTP/1.1 without Host is 400 (§3.2)", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", .missingHost),
    .reject("two Host fields are 400", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .multipleHosts),
    .accept("HTTP/1.0 without Host is accepted", "GET / HTTP/1.0\r\n\r\n") { head, _, _ in head.version == .http10 },
    .reject("bare LF ending the request line is 400", "GET / HTTP/1.1\nHost: a\r\n\r\n", .bareLineFeed),
    .reject("bare LF ending a field line is 400", "GET / HTTP/1.1\r\nHost: a\n\r\n", .bareLineFeed),
    .reject("bare LF as the final empty line is 400", "GET / HTTP/1.1\r\nHost: a\r\n\n", .bareLineFeed),

    // Request line (RFC 9112 §3)
    .accept("leading empty lines before the request line are ignored (§2.2)", "\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n") {
        head, _, _ in head.path == "/x"
    },
    .reject("unknown version HTTP/2.0 is 505", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", .unsupportedVersion),
    .reject("unknown version HTTP/1.2 is 505", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", .unsupportedVersion),
    .reject("lower-case version is 400", "GET / http/1.1\r\nHost: a\r\n\r\n", .malformedRequestLine),
    .reject("missing version is 400", "GET /\r\nHost: a\r\n\r\n", .malformedRequestLine),
    .reject("two spaces in the request line is 400", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", .malformedRequestLine),
    .reject("trailing space after the version is 400", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", .malformedRequestLine),
    .reject("method with a non-token byte is 400", "GE(T / HTTP/1.1\r\nHost: a\r\n\r\n", .malformedRequestLine),
    .reject("byte >= 0x80 in the target is 400", "GET /caf\u{E9} HTTP/1.1\r\nHost: a\r\n\r\n", .invalidRequestTarget),
    .reject("control byte in the target is 400", "GET /a\u{1}b HTTP/1.1\r\nHost: a\r\n\r\n", .invalidRequestTarget),
    .reject("userinfo in an absolute-form target is 400 (RFC 9110 §4.2.4)",
            "GET http://user@host/ HTTP/1.1\r\nHost: host\r\n\r\n", .invalidRequestTarget),
    .accept("absolute-form target is accepted (§3.2.2)", "GET http://example.com/a/b?q=1 HTTP/1.1\r\nHost: example.com\r\n\r\n") {
        head, _, _ in head.path == "/a/b" && head.query == "q=1"
    },
    .accept("asterisk-form with OPTIONS", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n") { head, _, _ in head.target == "*" },
    .reject("asterisk-form with GET is 400", "GET * HTTP/1.1\r\nHost: a\r\n\r\n", .invalidRequestTarget),
    .accept("authority-form with CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n") {
        head, _, _ in head.method == .connect
    },
    .reject("authority-form with GET is 400", "GET example.com:443 HTTP/1.1\r\nHost: a\r\n\r\n", .invalidRequestTarget),
    .reject("origin-form with CONNECT is 400", "CONNECT /x HTTP/1.1\r\nHost: a\r\n\r\n", .invalidRequestTarget),
    .accept("an unknown method token parses (the server answers 501)", "BREW /pot HTTP/1.1\r\nHost: a\r\n\r\n") {
        head, _, _ in head.method == .other("BREW")
    },

    // Persistence (RFC 9112 §9.3) and Expect (RFC 9110 §10.1.1)
    .accept("HTTP/1.1 persists by default", "GET / HTTP/1.1\r\nHost: a\r\n\r\n") { head, _, _ in head.keepAlive },
    .accept("HTTP/1.1 with Connection: close does not persist", "GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n") {
        head, _, _ in !head.keepAlive
    },
    .accept("HTTP/1.0 closes by default", "GET / HTTP/1.0\r\n\r\n") { head, _, _ in !head.keepAlive },
    .accept("HTTP/1.0 with keep-alive persists", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") { head, _, _ in head.keepAlive },
    .accept("Connection token list", "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, close\r\n\r\n") { head, _, _ in !head.keepAlive },
    .accept("Expect: 100-continue is recognised", "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx") {
        head, _, _ in head.expectation == .continue
    },
    .accept("another expectation is flagged unsupported (the server answers 417)",
            "POST / HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\n\r\n") { head, _, _ in head.expectation == .unsupported },
]

/// Limit vectors use small limits so the inputs stay readable.
let smallLimits = ParserLimits(maxRequestLineBytes: 32, maxHeaderBytes: 64, maxFieldCount: 3, maxBodyBytes: 16)

let limitVectors: [RuleVector] = [
    .reject("request line over the limit is 414", "GET /" + String(repeating: "a", count: 40) + " HTTP/1.1\r\nHost: a\r\n\r\n",
            .requestLineTooLong),
    .reject("request line over the limit without CRLF yet is 414", "GET /" + String(repeating: "a", count: 40), .requestLineTooLong),
    .accept("request line at the limit is accepted", "GET /" + String(repeating: "a", count: 18) + " HTTP/1.1\r\nHost: a\r\n\r\n"),
    .reject("request line one byte over the limit is 414", "GET /" + String(repeating: "a", count: 19) + " HTTP/1.1\r\nHost: a\r\n\r\n",
            .requestLineTooLong),
    // The section is counted without its final CRLF: 9 + 7 + 48 = 64 bytes.
    .accept("header section at the limit is accepted", "GET / HTTP/1.1\r\nHost: a\r\nX-A: " + String(repeating: "b", count: 48) + "\r\n\r\n"),
    .reject("header section one byte over the limit is 431",
            "GET / HTTP/1.1\r\nHost: a\r\nX-A: " + String(repeating: "b", count: 49) + "\r\n\r\n", .headerSectionTooLarge),
    .reject("header section over the limit is 431", "GET / HTTP/1.1\r\nHost: a\r\nX-A: " + String(repeating: "b", count: 70) + "\r\n\r\n",
            .headerSectionTooLarge),
    .reject("header section over the limit before its end is 431", "GET / HTTP/1.1\r\nHost: a\r\nX-A: " + String(repeating: "b", count: 70),
            .headerSectionTooLarge),
    .reject("more fields than the limit is 431", "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", .tooManyFields),
    .accept("fields at the limit are accepted", "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\n\r\n"),
    .reject("Content-Length over the body limit is 413", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 17\r\n\r\n", .bodyTooLarge),
    .accept("Content-Length at the body limit is accepted", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 16\r\n\r\n0123456789abcdef"),
    .reject("chunked body crossing the limit is 413",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n01234567\r\n9\r\n012345678\r\n0\r\n\r\n", .bodyTooLarge),
    // A chunk line counts its bytes up to the CR, included: 2 + 61 + 1 = 64.
    .accept("chunk line at the header limit is accepted",
            chunkedHead + "1;" + String(repeating: "e", count: 61) + "\r\nx\r\n0\r\n\r\n"),
    .reject("chunk line one byte over the header limit is 431",
            chunkedHead + "1;" + String(repeating: "e", count: 62) + "\r\nx\r\n0\r\n\r\n", .headerSectionTooLarge),
    .reject("quoted chunk extension value beyond the header limit is 431",
            chunkedHead + "1;a=\"" + String(repeating: "e", count: 80), .headerSectionTooLarge),
    .reject("chunk extensions beyond the header limit are 431",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;" + String(repeating: "e", count: 80) + "\r\n",
            .headerSectionTooLarge),
    // Found by the fuzzer: an over-long line ending in a bare LF was 400 whole but 414 split.
    .reject("over-long request line ending in a bare LF is 414 however it is split",
            "GET /" + String(repeating: "a", count: 40) + "\n", .requestLineTooLong),
    .reject("over-long header section ending in a bare LF is 431 however it is split",
            "GET / HTTP/1.1\r\nX-A: " + String(repeating: "b", count: 80) + "\n", .headerSectionTooLarge),
    .reject("trailers beyond the header limit are 431",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: " + String(repeating: "t", count: 80) + "\r\n\r\n",
            .headerSectionTooLarge),
]
