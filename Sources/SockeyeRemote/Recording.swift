#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A `--record` file read whole: its events in order, on the recording's clock.
public struct Recording: Sendable {
    public let events: [ServerEvent]
    /// Lines that were not events this version knows (another schema, a cut-off last line).
    public let skippedLines: Int

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// A recording larger than this is refused rather than read into memory.
    public static let maximumSize = 1 << 30

    public init(path: String) throws(LoadError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LoadError(description: "cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw LoadError(description: "\(path) is not a file") }
        guard Int(info.st_size) <= Self.maximumSize else { throw LoadError(description: "\(path) is larger than 1 GiB") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            guard count > 0 else {
                if count < 0 && errno == EINTR { continue }
                break
            }
            filled += count
        }
        try self.init(bytes: bytes[..<filled], name: path)
    }

    /// JSON lines; `name` is for messages.
    public init(bytes: ArraySlice<UInt8>, name: String) throws(LoadError) {
        let decoder = RecordedLine.decoder()
        var events: [ServerEvent] = []
        var skipped = 0
        for line in bytes.split(separator: UInt8(ascii: "\n")) where !line.allSatisfy({ $0 == 32 || $0 == 13 }) {
            if let event = (try? decoder.decode(RecordedLine.self, from: Data(line)))?.event {
                events.append(event)
            } else {
                skipped += 1
            }
        }
        guard !events.isEmpty else {
            throw LoadError(description: "\(name) holds no recorded events (record one with: sockeye --record \(name))")
        }
        // Lines are written in order per connection; across connections a stable sort puts them on one clock.
        self.events = events.enumerated().sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }.map(\.element)
        skippedLines = skipped
    }

    public var start: UInt64 { events.first?.timestamp ?? 0 }
    public var end: UInt64 { events.last?.timestamp ?? 0 }
}
