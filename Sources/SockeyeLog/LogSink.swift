#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents
import Synchronization

/// The plain log view: formats each batch the pump delivers and writes it with one `write`, so the
/// log is flushed every pump interval (50 ms) and on exit. If it cannot keep up, the bus drops the
/// oldest events and the log says how many — it never slows the server.
public final class LogSink: EventSink {
    private let formatter: LogFormatter
    private let fd: Int32
    /// Only the pump's thread formats; the lock is never contended, it just makes that visible.
    private let combined = Mutex(CombinedLogLine())

    public init(formatter: LogFormatter, fd: Int32 = STDOUT_FILENO) {
        self.formatter = formatter
        self.fd = fd
    }

    /// CLF logs completed requests only; text and JSON show every event.
    public var detail: EventDetail { formatter.format == .clf ? .summary : .full }

    public func consume(_ events: [ServerEvent], dropped: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(events.count * 160)
        if formatter.format == .clf {
            combined.withLock { line in
                for event in events { _ = formatter.appendCombined(event, line: &line, to: &out) }
            }
        } else {
            for event in events {
                guard var line = formatter.line(for: event) else { continue }
                line.withUTF8 { out.append(contentsOf: $0) }
                out.append(UInt8(ascii: "\n"))
            }
        }
        if dropped > 0 { report(dropped, into: &out) }
        write(out)
    }

    /// Drops are reported in the log's own format; CLF has no place for them, so stderr gets the note.
    private func report(_ count: Int, into out: inout [UInt8]) {
        switch formatter.format {
        case .text: out += Array("log: dropped \(count) events (the log could not keep up)\n".utf8)
        case .json: out += Array("{\"type\":\"events_dropped\",\"count\":\(count)}\n".utf8)
        case .clf:
            let note = Array("sockeye: log dropped \(count) events\n".utf8)
            _ = note.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
    }

    private func write(_ out: [UInt8]) {
        guard !out.isEmpty else { return }
        var bytes = out[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
