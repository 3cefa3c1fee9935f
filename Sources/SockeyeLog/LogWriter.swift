#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents
import Synchronization

/// The plain log view: a consumer thread that drains the event bus, formats lines and writes
/// them in batches, flushing at least every 50 ms and on stop. It never slows the server: if it
/// falls behind, the bus drops the oldest events and the writer reports how many.
public final class LogWriter: Sendable {
    private let bus: EventBus
    private let formatter: LogFormatter
    private let fd: Int32
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    private static let interval: UInt32 = 50_000

    public init(bus: EventBus, formatter: LogFormatter, fd: Int32 = STDOUT_FILENO) {
        self.bus = bus
        self.formatter = formatter
        self.fd = fd
        bus.attachConsumer()
    }

    /// Runs the consumer loop on the calling thread until `stop()`.
    public func run() {
        var reportedDrops = 0
        while true {
            let stopping = stopRequested.load(ordering: .acquiring)
            var text = ""
            for event in bus.drain() {
                if let line = formatter.line(for: event) { text += line + "\n" }
            }
            let drops = bus.droppedCount
            if drops > reportedDrops {
                report(droppedSince: drops - reportedDrops, into: &text)
                reportedDrops = drops
            }
            write(text)
            if stopping { break }
            usleep(Self.interval)
        }
        finished.store(true, ordering: .releasing)
    }

    /// Asks the loop to write what is left and return; waits up to a second for it.
    public func stop() {
        stopRequested.store(true, ordering: .releasing)
        for _ in 0..<100 where !finished.load(ordering: .acquiring) { usleep(10_000) }
    }

    /// Drops are reported in the log's own format; CLF has no place for them, so stderr gets the note.
    private func report(droppedSince count: Int, into text: inout String) {
        switch formatter.format {
        case .text: text += "log: dropped \(count) events (the log could not keep up)\n"
        case .json: text += "{\"type\":\"events_dropped\",\"count\":\(count)}\n"
        case .clf:
            let note = "sockeye: log dropped \(count) events\n"
            _ = note.withCString { Glibc.write(STDERR_FILENO, $0, strlen($0)) }
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
