import HTTPCore
import SockeyeEvents
import SockeyeText

/// Turns events into log lines. Pure: the writer thread calls it, never the server.
public struct LogFormatter: Sendable {
    public let format: LogFormat
    /// Maps monotonic event times to wall-clock time for CLF and JSON.
    private let wallAtStart: UInt64
    private let monotonicAtStart: UInt64

    public init(format: LogFormat, wallAtStart: UInt64 = MonotonicClock.wallNow(), monotonicAtStart: UInt64 = MonotonicClock.now()) {
        self.format = format
        self.wallAtStart = wallAtStart
        self.monotonicAtStart = monotonicAtStart
    }

    /// The line for `event` (without newline), or nil when this format does not log it.
    public func line(for event: ServerEvent) -> String? {
        switch format {
        case .text: textLine(event)
        case .clf: combinedLine(event)
        case .json: jsonLine(event)
        }
    }

    /// The first line on stdout, which scripts read the address from: `listening on URL`, or in JSON a
    /// `listening` object with the `url`.
    public func listeningLine(url: String, at monotonic: UInt64 = MonotonicClock.now()) -> String {
        announcement("listening", text: "listening on", url: url, at: monotonic)
    }

    /// The line after it with `--admin`: `admin on URL`, or in JSON an `admin` object with the `url`.
    public func adminLine(url: String, at monotonic: UInt64 = MonotonicClock.now()) -> String {
        announcement("admin", text: "admin on", url: url, at: monotonic)
    }

    private func announcement(_ type: String, text: String, url: String, at monotonic: UInt64) -> String {
        guard format == .json else { return "\(text) \(url)" }
        var object = JSONObjectWriter()
        object.add("type", type)
        object.add("time_unix_ms", unixMilliseconds(monotonic))
        object.add("url", url)
        return object.json
    }

    /// The JSON log's last line, written once the server has stopped and its last event is logged: a
    /// `shutdown` object with the signal that stopped it and its totals. Text and CLF end with their last event.
    public func shutdownLine(signal: String, connectionsAccepted: Int, requestsServed: Int,
                             at monotonic: UInt64 = MonotonicClock.now()) -> String? {
        guard format == .json else { return nil }
        var object = JSONObjectWriter()
        object.add("type", "shutdown")
        object.add("time_unix_ms", unixMilliseconds(monotonic))
        object.add("signal", signal)
        object.add("connections", connectionsAccepted)
        object.add("requests", requestsServed)
        return object.json
    }

    // MARK: text

    private func textLine(_ event: ServerEvent) -> String? {
        switch event {
        case .connectionOpened(let id, let peer, _):
            "conn#\(id) opened from \(peer)"
        case .connectionClosed(let id, let reason, let requests, let bytesIn, let bytesOut, _):
            "conn#\(id) closed (\(reason.rawValue)) after \(requests) request\(requests == 1 ? "" : "s"), \(bytesIn)B in, \(bytesOut)B out"
        case .requestHead:
            nil
        case .responseStarted(let id, let sequence, _, let wait, let blockedBy, _):
            wait > 0 ? "conn#\(id) req#\(sequence) waited \(Self.duration(wait)) behind \(SafeText.escape(blockedBy ?? "-"))" : nil
        case .chunkSent(let id, let sequence, let size, _):
            "conn#\(id) req#\(sequence) chunk sent \(size)B"
        case .chunkReceived(let id, let sequence, let size, _):
            "conn#\(id) req#\(sequence) chunk received \(size)B"
        case .requestCompleted(let record):
            "conn#\(record.connection) req#\(record.sequence) \(SafeText.escape(record.method)) \(SafeText.escape(record.target))"
                + " -> \(record.status) \(record.bytesOut)B \(Self.duration(record.duration))"
                + (record.wait > 0 ? " wait \(Self.duration(record.wait))" : "") + (record.chunked ? " chunked" : "")
        case .requestRejected(let id, let status, let reason, let peer, _, _):
            "conn#\(id) rejected \(status) \(reason) from \(peer)"
        case .tlsEstablished(let tls):
            "conn#\(tls.connection) TLS \(tls.version) \(tls.cipher) alpn=\(tls.alpn ?? "-")"
                + " sni=\(SafeText.escape(tls.serverName ?? "-")) handshake \(Self.duration(tls.duration))"
        case .tlsFailed(let id, let reason, let peer, _):
            "conn#\(id) TLS handshake failed (\(SafeText.escape(reason))) from \(peer)"
        }
    }

    /// `1.2ms`, `2.9s`, `850µs`.
    static func duration(_ nanoseconds: UInt64) -> String {
        switch nanoseconds {
        case ..<1_000_000: "\(nanoseconds / 1000)µs"
        case ..<1_000_000_000: "\(Double(nanoseconds / 100_000) / 10)ms"
        default: "\(Double(nanoseconds / 100_000_000) / 10)s"
        }
    }

    // MARK: Combined Log Format

    private func combinedLine(_ event: ServerEvent) -> String? {
        var line = CombinedLogLine()
        var buffer = LogBuffer(capacity: 256)
        guard withUnsafePointer(to: event, { appendCombined($0, line: &line, to: &buffer) }) else { return nil }
        return buffer.withBytes { String(decoding: $0.dropLast(), as: UTF8.self) }
    }

    /// Appends the CLF line (with its newline) for a completed or rejected request; false for other events.
    func appendCombined(_ event: UnsafePointer<ServerEvent>, line: inout CombinedLogLine, to buffer: inout LogBuffer) -> Bool {
        if let record = ServerEvent.completedRecord(at: event) {
            line.append(record, wallSeconds: wallSeconds(record.finishedAt), to: &buffer)
            return true
        }
        guard case .requestRejected(_, let status, _, let peer, let bytesOut, let at) = event.pointee else { return false }
        line.appendRejection(peer: peer, status: status, bytesOut: bytesOut, wallSeconds: wallSeconds(at), to: &buffer)
        return true
    }

    private func wallSeconds(_ monotonic: UInt64) -> Int { Int(wallNanoseconds(monotonic) / 1_000_000_000) }

    private func wallNanoseconds(_ monotonic: UInt64) -> UInt64 {
        wallAtStart &+ (monotonic &- monotonicAtStart)
    }

    // MARK: JSON lines

    private func jsonLine(_ event: ServerEvent) -> String {
        var object = JSONObjectWriter()
        func begin(_ type: String) {
            object.add("type", type)
            object.add("time_unix_ms", unixMilliseconds(event.timestamp))
        }
        switch event {
        case .connectionOpened(let id, let peer, _):
            begin("connection_opened")
            object.add("connection", id)
            object.add("peer", peer)
        case .connectionClosed(let id, let reason, let requests, let bytesIn, let bytesOut, _):
            begin("connection_closed")
            object.add("connection", id)
            object.add("reason", reason.rawValue)
            object.add("requests", requests)
            object.add("bytes_in", bytesIn)
            object.add("bytes_out", bytesOut)
        case .requestHead(let id, let sequence, let method, let target, _):
            begin("request_head")
            object.add("connection", id)
            object.add("request", sequence)
            object.add("method", method)
            object.add("target", target)
        case .responseStarted(let id, let sequence, let status, let wait, let blockedBy, _):
            begin("response_started")
            object.add("connection", id)
            object.add("request", sequence)
            object.add("status", status)
            object.add("wait_ms", ms(wait))
            object.add("blocked_by", blockedBy)
        case .chunkSent(let id, let sequence, let size, _):
            begin("chunk_sent")
            object.add("connection", id)
            object.add("request", sequence)
            object.add("size", size)
        case .chunkReceived(let id, let sequence, let size, _):
            begin("chunk_received")
            object.add("connection", id)
            object.add("request", sequence)
            object.add("size", size)
        case .requestCompleted(let r):
            begin("request_completed")
            object.add("connection", r.connection)
            object.add("request", r.sequence)
            object.add("method", r.method)
            object.add("target", r.target)
            object.add("version", r.version)
            object.add("status", r.status)
            object.add("bytes_in", r.bytesIn)
            object.add("bytes_out", r.bytesOut)
            object.add("chunked", r.chunked)
            object.add("duration_ms", ms(r.duration))
            object.add("wait_ms", ms(r.wait))
            object.add("blocked_by", r.blockedBy)
            object.add("peer", r.peer)
        case .requestRejected(let id, let status, let reason, let peer, _, _):
            begin("request_rejected")
            object.add("connection", id)
            object.add("status", status)
            object.add("reason", reason)
            object.add("peer", peer)
        case .tlsEstablished(let tls):
            begin("tls_established")
            object.add("connection", tls.connection)
            object.add("version", tls.version)
            object.add("cipher", tls.cipher)
            object.add("alpn", tls.alpn)
            object.add("server_name", tls.serverName)
            object.add("handshake_ms", ms(tls.duration))
        case .tlsFailed(let id, let reason, let peer, _):
            begin("tls_failed")
            object.add("connection", id)
            object.add("reason", reason)
            object.add("peer", peer)
        }
        return object.json
    }

    private func unixMilliseconds(_ monotonic: UInt64) -> UInt64 { wallNanoseconds(monotonic) / 1_000_000 }

    /// Milliseconds with microsecond resolution.
    private func ms(_ nanoseconds: UInt64) -> Double { Double(nanoseconds / 1000) / 1000 }
}
