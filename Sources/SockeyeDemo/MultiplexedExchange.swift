import HPACK
import HTTP2Core
import SockeyeEvents
import SockeyeSockets

/// GET requests as HTTP/2 streams on one connection (h2c with prior knowledge, RFC 9113 §3.3):
/// all sent at once, each response timed as its frames arrive. A client of its own on the
/// sans-I/O frame codec and HPACK: the smallest one that works, for the demo.
struct MultiplexedExchange {
    let host: String
    let port: Int
    let timeoutMilliseconds: Int

    enum Failure: Error, CustomStringConvertible {
        case notHTTP2(String)
        case reset(path: String, code: HTTP2ErrorCode)
        case timedOut

        var description: String {
            switch self {
            case .notHTTP2(let what): "the server did not answer in HTTP/2 (\(what))"
            case .reset(let path, let code): "the server reset the stream of \(path) (\(code))"
            case .timedOut: "no complete answer in time"
            }
        }
    }

    private struct Stream {
        let path: String
        var status = 0
        var server: String?
        var firstByte: UInt64?
        var lastByte: UInt64?
    }

    /// The timings, in `paths` order, from the moment the requests were written; `arrived` is told
    /// each response's index in `paths` and time as it completes. At most the server's concurrent
    /// streams (Sockeye's: 100) may be asked for at once.
    func run(_ paths: [String], arrived: (Int, UInt64) -> Void = { _, _ in }) throws -> [RequestTiming] {
        let socket = try Socket.connect(host: host, port: port)
        defer { socket.close() }
        var output = FrameWriter.clientPreface
        FrameWriter.settings([], into: &output)
        var encoder = HPACKEncoder()
        var streams: [UInt32: Stream] = [:]
        for (index, path) in paths.enumerated() {
            let id = UInt32(2 * index + 1)
            var block: [UInt8] = []
            encoder.encode([
                HPACKField(":method", "GET"), HPACKField(":scheme", "http"), HPACKField(":path", path),
                HPACKField(":authority", "\(host):\(port)"), HPACKField("user-agent", "sockeye-demo"),
            ], into: &block)
            FrameWriter.headers(id, block: block, endStream: true, maxFrameSize: HTTP2Settings.minFrameSize, into: &output)
            streams[id] = Stream(path: path)
        }
        let start = MonotonicClock.now()
        try socket.writeAll(output)
        let deadline = start + UInt64(timeoutMilliseconds) * 1_000_000
        var decoder = FrameDecoder(maxFrameSize: HTTP2Settings.minFrameSize)
        var headers = HPACKDecoder()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var reported: Set<UInt32> = []
        while streams.values.contains(where: { $0.lastByte == nil }) {
            let result = try buffer.withUnsafeMutableBytes { try socket.read(into: $0, deadline: deadline) }
            let now = MonotonicClock.now() - start
            switch result {
            case .wouldBlock: throw Failure.timedOut
            case .closed: throw Failure.notHTTP2("the connection closed")
            case .bytes(let count): buffer.withUnsafeBytes { decoder.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            }
            var reply: [UInt8] = []
            do {
                while let frame = try decoder.next() {
                    try handle(frame, at: now, streams: &streams, headers: &headers, reply: &reply)
                }
            } catch let error as HTTP2FrameError {
                throw Failure.notHTTP2("\(error)")
            }
            if !reply.isEmpty { try socket.writeAll(reply) }
            for (id, stream) in streams where stream.lastByte != nil && !reported.contains(id) {
                reported.insert(id)
                arrived(Int(id - 1) / 2, stream.lastByte!)
            }
        }
        var goAway: [UInt8] = []
        FrameWriter.goAway(lastStreamID: 0, code: .noError, into: &goAway)
        try? socket.writeAll(goAway)
        return paths.indices.map { index in
            let stream = streams[UInt32(2 * index + 1)]!
            return RequestTiming(path: stream.path, status: stream.status, server: stream.server, sent: 0,
                                 firstByte: stream.firstByte ?? 0, lastByte: stream.lastByte ?? 0)
        }
    }

    private func handle(_ frame: HTTP2Frame, at now: UInt64, streams: inout [UInt32: Stream], headers: inout HPACKDecoder,
                        reply: inout [UInt8]) throws {
        switch frame {
        case .settings(let ack, _):
            if !ack { FrameWriter.settingsAck(into: &reply) }
        case .ping(let ack, let opaque):
            if !ack { FrameWriter.pingAck(opaque, into: &reply) }
        case .headers(let id, let fragment, let endStream, let endHeaders, _):
            // The responses are small: a header block that needs CONTINUATION is not expected here.
            guard endHeaders else { throw Failure.notHTTP2("a header block split into CONTINUATION frames") }
            let fields: [HPACKField]
            do { fields = try headers.decode(fragment) } catch { throw Failure.notHTTP2("a header block that does not decode") }
            guard var stream = streams[id] else { return }
            for field in fields {
                if field.name == Array(":status".utf8) { stream.status = Int(String(decoding: field.value, as: UTF8.self)) ?? 0 }
                if field.name == Array("server".utf8) { stream.server = String(decoding: field.value, as: UTF8.self) }
            }
            stream.firstByte = stream.firstByte ?? now
            if endStream { stream.lastByte = now }
            streams[id] = stream
        case .data(let id, _, let endStream, let length):
            guard var stream = streams[id] else { return }
            stream.firstByte = stream.firstByte ?? now
            if endStream { stream.lastByte = now }
            streams[id] = stream
            // Give back what the bodies took, so a larger body than the 64 KiB windows still flows.
            if length > 0 {
                FrameWriter.windowUpdate(0, increment: UInt32(length), into: &reply)
                if !endStream { FrameWriter.windowUpdate(id, increment: UInt32(length), into: &reply) }
            }
        case .rstStream(let id, let code):
            throw Failure.reset(path: streams[id]?.path ?? "stream \(id)", code: code)
        case .goAway(_, let code) where code != .noError:
            throw Failure.notHTTP2("GOAWAY \(code)")
        default:
            break
        }
    }
}
