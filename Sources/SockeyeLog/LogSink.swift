#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents
import Synchronization

/// The plain log view: formats each batch the pump delivers and writes it with one `write`, so the
/// log is flushed every pump interval (50 ms) and on exit. It is a record: it never loses a line,
/// so if it cannot keep up the server waits for it (the bus's back-pressure).
public final class LogSink: EventSink {
    private let formatter: LogFormatter
    private let fd: Int32
    /// Only requests it matches are written; see `passes(_:)`.
    private let filter: RequestFilter?
    private struct State: ~Copyable {
        var combined = CombinedLogLine()
        var buffer = LogBuffer()
    }
    /// One delivery at a time formats (the pump serializes them); the lock is never contended, it
    /// just makes that visible.
    private let state = Mutex(State())

    public init(formatter: LogFormatter, fd: Int32 = STDOUT_FILENO, filter: RequestFilter? = nil) {
        self.formatter = formatter
        self.fd = fd
        self.filter = filter
    }

    /// CLF logs completed requests only; text and JSON show every event.
    public var detail: EventDetail { formatter.format == .clf ? .summary : .full }

    public var needsEveryEvent: Bool { true }

    public func consume(_ events: Span<ServerEvent>) {
        state.withLock { state in
            if formatter.format == .clf {
                // Through a pointer, not `for event in events` or `events[index]`: those copied each
                // event out (a value-witness call, and a retain and release of its record). An
                // unfiltered log (the usual one) is told so here, not by a call to `passes` per event.
                events.withUnsafeBufferPointer { events in
                    for index in events.indices where filter == nil || passes(events[index]) {
                        _ = formatter.appendCombined(events.baseAddress! + index, line: &state.combined, to: &state.buffer)
                    }
                }
            } else {
                for index in events.indices where passes(events[index]) {
                    guard let line = formatter.line(for: events[index]) else { continue }
                    state.buffer.append(line)
                    state.buffer.append("\n")
                }
            }
            write(state.buffer)
            state.buffer.removeAll()
        }
    }

    /// The filter looks at completed and rejected requests (a rejected one has a status but no
    /// method or target); every other event (connections, heads, chunks, TLS) is written.
    private func passes(_ event: ServerEvent) -> Bool {
        guard let filter else { return true }
        switch event {
        case .requestCompleted(let record): return filter.matches(record)
        case .requestRejected(_, let status, _, _, _, _): return filter.matches(method: nil, target: nil, status: status)
        default: return true
        }
    }

    private func write(_ buffer: borrowing LogBuffer) {
        buffer.withBytes { bytes in
            var rest = bytes
            while !rest.isEmpty {
                let written = Glibc.write(fd, rest.baseAddress, rest.count)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                rest = UnsafeBufferPointer(rebasing: rest[written...])
            }
        }
    }
}
