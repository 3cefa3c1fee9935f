import Foundation
@testable import SockeyeDemo
import SockeyeEvents
import SockeyeServer
import Testing
import SockeyeSockets

/// The demo's response reader fed scripted bytes: whole, one byte per read, and in other splits.
@Suite("sockeye demo hol: reading responses")
struct ResponseReaderTests {
    /// Read sizes to split every input into: all at once, then every byte alone, then uneven pieces.
    static let splits = [Int.max, 1, 2, 3, 5, 7, 64]

    @Test("Content-Length bodies, pipelined back to back", arguments: splits)
    func contentLength(split: Int) throws {
        let wire = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
            + "HTTP/1.1 404 Not Found\r\ncontent-length: 3, 3\r\nContent-Length: 3\r\n\r\nno\n"
            + "HTTP/1.0 201 \r\nContent-Length:0\r\n\r\n"
        #expect(try statuses(wire, split: split, requests: 3) == [200, 404, 201])
    }

    @Test("chunked bodies with extensions and trailers; a response after each starts where it ends", arguments: splits)
    func chunked(split: Int) throws {
        let wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n1A;name=value;flag\r\nabcdefghijklmnopqrstuvwxyz\r\n3 ; spaced = \"quoted\"\r\n\r\n!\r\n0\r\n\r\n"
            + "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n"
            + "00a\r\n0123456789\r\n000;last\r\nX-Checksum: 42\r\nServer-Timing: total;dur=3\r\n\r\n"
            + "HTTP/1.1 203 OK\r\nContent-Length: 2\r\n\r\nok"
        #expect(try statuses(wire, split: split, requests: 3) == [200, 202, 203])
    }

    @Test("a body without Content-Length or chunked runs until the server closes", arguments: splits)
    func untilClose(split: Int) throws {
        let plain = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of this, \r\n\r\nHTTP/1.1 500 even this"
        #expect(try statuses(plain, split: split, requests: 1) == [200])
        let gzipOnly = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n0\r\n\r\n"
        #expect(try statuses(gzipOnly, split: split, requests: 1) == [200])
        var reader = ResponseReader(source: ScriptedSource(plain, split: split))
        _ = try reader.next()
        #expect(throws: ResponseReadError.closed(receivedBytes: 0)) { try reader.next() }
    }

    @Test("interim 1xx responses are skipped; HEAD, 204 and 304 have no body", arguments: splits)
    func noBody(split: Int) throws {
        let wire = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
            + "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "HTTP/1.1 204 No Content\r\n\r\n"
            + "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
        let methods = ["GET", "HEAD", "HEAD", "GET", "GET", "GET"]
        #expect(try statuses(wire, split: split, methods: methods) == [200, 200, 200, 204, 304, 200])
    }

    @Test("arrival times: the first byte is the final response's, the last is its last read")
    func arrivalTimes() throws {
        let pieces = ["HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab", "cdHTTP/1.1 204 ", "No Content\r\n\r\n"]
        let source = ScriptedSource(pieces.map { Array($0.utf8) })
        var reader = ResponseReader(source: source)
        let first = try reader.next()
        let second = try reader.next()
        #expect(source.arrivals.count == 4)
        #expect(first.firstByte >= source.arrivals[1] && first.firstByte <= source.arrivals[2])
        #expect(first.lastByte >= source.arrivals[2] && first.lastByte <= source.arrivals[3])
        #expect(second.firstByte == first.lastByte, "its start came in the read that ended the first")
        #expect(second.lastByte >= source.arrivals[3])
    }

    static let malformed: [(wire: String, error: String)] = [
        ("", "closed the connection before answering"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", "in the middle of a response (40 bytes"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", "in the middle of a response"),
        ("SSH-2.0-OpenSSH_9.6\r\n\r\n", #"status line "SSH-2.0-OpenSSH_9.6""#),
        ("HTTP/1.1 2000 OK\r\n\r\n", "status line"),
        ("HTTP/2 200\r\n\r\n", "status line"),
        ("HTTP/1.1 099 Low\r\n\r\n", "status line"),
        ("\r\nHTTP/1.1 200 OK\r\n\r\n", "an empty line where the status line belongs"),
        ("HTTP/1.1 200 OK\nContent-Length: 0\n\n", "bare CR or LF"),
        ("HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n", "bare CR or LF"),
        ("HTTP/1.1 200 OK\r\nX: a\r\n folded\r\n\r\n", "field line"),
        ("HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n", "field line"),
        ("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", "field line"),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "Content-Length -1"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", "Content-Length 5, 6"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n", "too large: Content-Length"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc", "both Transfer-Encoding and Content-Length"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", #"chunk-size line "zz""#),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", "chunk-size line"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 x\r\nhello\r\n0\r\n\r\n", "chunk-size line"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a\u{1}b\r\nhello\r\n0\r\n\r\n", #"chunk-size line "5;a\x01b""#),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n", "bare CR or LF"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello, world\r\n0\r\n\r\n", "chunk data not followed by CRLF"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffffff\r\n", "too large: chunked body"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nnot a field\r\n\r\n", "field line"),
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", "no upgrade was asked for"),
    ]

    @Test("malformed or cut-off responses are clear errors, however they are split", arguments: malformed, splits)
    func malformedResponse(example: (wire: String, error: String), split: Int) {
        #expect(readError(example.wire, split: split).contains(example.error))
    }

    @Test("limits: head, chunk-size line, trailers and body are bounded", arguments: splits)
    func limits(split: Int) {
        let small = ResponseLimits(headBytes: 64, bodyBytes: 16, chunkLineBytes: 16)
        let longHead = "HTTP/1.1 200 OK\r\nX-Padding: " + String(repeating: "a", count: 100) + "\r\n\r\n"
        #expect(readError(longHead, split: split, limits: small).contains("response head longer than 64 bytes"))
        let endless = "HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 100)
        #expect(readError(endless, split: split, limits: small).contains("response head longer than 64 bytes"))
        let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        let longExtension = chunked + "1;" + String(repeating: "x", count: 20) + "\r\na\r\n0\r\n\r\n"
        #expect(readError(longExtension, split: split, limits: small).contains("chunk-size line longer than 16 bytes"))
        let manyChunks = chunked + String(repeating: "4\r\nabcd\r\n", count: 5) + "0\r\n\r\n"
        #expect(readError(manyChunks, split: split, limits: small).contains("chunked body over 16 bytes"))
        let longTrailers = chunked + "0\r\n" + String(repeating: "X-Trailer: value\r\n", count: 5) + "\r\n"
        #expect(readError(longTrailers, split: split, limits: small).contains("trailer section longer than 64 bytes"))
        let longLength = "HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n"
        #expect(readError(longLength, split: split, limits: small).contains("Content-Length 17 over 16 bytes"))
        let longUntilClose = "HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "b", count: 17)
        #expect(readError(longUntilClose, split: split, limits: small).contains("body until close over 16 bytes"))
    }

    @Test("a server that stops sending mid-response is a timeout, not a hang")
    func stalled() {
        let source = ScriptedSource([Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8)], end: .stall)
        var reader = ResponseReader(source: source, limits: ResponseLimits(timeoutMilliseconds: 50))
        #expect(throws: ResponseReadError.timedOut(milliseconds: 50, receivedBytes: 42)) { try reader.next() }
    }

    private func statuses(_ wire: String, split: Int, requests: Int) throws -> [Int] {
        try statuses(wire, split: split, methods: Array(repeating: "GET", count: requests))
    }

    /// Reads one response per method off `wire`, and checks nothing is left over.
    private func statuses(_ wire: String, split: Int, methods: [String]) throws -> [Int] {
        var reader = ResponseReader(source: ScriptedSource(wire, split: split))
        let statuses = try methods.map { try reader.next(requestMethod: $0).status }
        #expect(throws: ResponseReadError.closed(receivedBytes: 0)) { try reader.next() }
        return statuses
    }

    private func readError(_ wire: String, split: Int, limits: ResponseLimits = ResponseLimits()) -> String {
        var reader = ResponseReader(source: ScriptedSource(wire, split: split), limits: limits)
        do {
            let response = try reader.next()
            return "no error: read a \(response.status)"
        } catch {
            return "\(error)"
        }
    }
}

/// Hands the reader scripted pieces, one per read, recording when each was handed over; then
/// closes, or stalls as a silent server would (which the reader sees as its deadline passing).
final class ScriptedSource: ResponseByteSource {
    enum End { case close, stall }

    private var pieces: [[UInt8]]
    private let end: End
    private(set) var arrivals: [UInt64] = []

    init(_ pieces: [[UInt8]], end: End = .close) {
        self.pieces = pieces
        self.end = end
    }

    convenience init(_ wire: String, split: Int) {
        let bytes = Array(wire.utf8)
        let size = min(split, max(bytes.count, 1))
        self.init(stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) })
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: UInt64) throws -> Socket.ReadResult {
        guard !pieces.isEmpty else {
            if end == .stall { while MonotonicClock.now() < deadline { usleep(1000) } }
            return end == .close ? .closed : .wouldBlock
        }
        let piece = pieces.removeFirst()
        buffer.copyBytes(from: piece)
        arrivals.append(MonotonicClock.now())
        return .bytes(piece.count)
    }
}
