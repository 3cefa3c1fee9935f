#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents

/// The plain log view: formats each batch the pump delivers and writes it with one `write`, so the
/// log is flushed every pump interval (50 ms) and on exit. If it cannot keep up, the bus drops the
/// oldest events and the log says how many — it never slows the server.
public final class LogSink: EventSink {
    private let formatter: LogFormatter
    private let fd: Int32

    public init(formatter: LogFormatter, fd: Int32 = STDOUT_FILENO) {
        self.formatter = formatter
        self.fd = fd
    }

    /// CLF logs completed requests only; text and JSON show every event.
    public var detail: EventDetail { formatter.format == .clf ? .summary : .full }

    public func consume(_ events: [ServerEvent], dropped: Int) {
        var text = ""
        for event in events {
            if let line = formatter.line(for: event) { text += line + "\n" }
        }
        if dropped > 0 { report(dropped, into: &text) }
        write(text)
    }

    /// Drops are reported in the log's own format; CLF has no place for them, so stderr gets the note.
    private func report(_ count: Int, into text: inout String) {
        switch formatter.format {
        case .text: text += "log: dropped \(count) events (the log could not keep up)\n"
        case .json: text += "{\"type\":\"events_dropped\",\"count\":\(count)}\n"
        case .clf:
            let note = Array("sockeye: log dropped \(count) events\n".utf8)
            _ = note.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
    }

    private func write(_ text: String) {
        guard !text.isEmpty else { return }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
