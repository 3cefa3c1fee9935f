import SockeyeEvents
import Synchronization

/// What recent requests found under the root, by request path, like nginx's `open_file_cache`: an
/// entry is trusted for `revalidateAfter` and then looked up again (a changed file is seen within
/// about a second). Bounded: at most `maxEntries` and `maxBytes` of bodies (small files and
/// compressed results); when a new entry would pass a bound, the cache is emptied first.
final class FileCache: Sendable {
    static let revalidateAfter: UInt64 = 1_000_000_000
    static let maxEntries = 4096
    static let maxBytes = 64 * 1024 * 1024

    private struct Entry {
        var file: SiteFile
        var checkedAt: UInt64
        var compressed: [ContentCoding: [UInt8]] = [:]
        var bytes: Int { (file.smallBody?.count ?? 0) + compressed.values.reduce(0) { $0 + $1.count } }
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0

        mutating func store(_ entry: Entry, for key: String) {
            let replaced = entries[key]?.bytes ?? 0
            if entries.count >= FileCache.maxEntries || bytes - replaced + entry.bytes > FileCache.maxBytes {
                entries.removeAll(keepingCapacity: true)
                bytes = 0
            } else {
                bytes -= replaced
            }
            entries[key] = entry
            bytes += entry.bytes
        }
    }

    private let state = Mutex(State())

    /// The file `key` named when it was looked up less than `revalidateAfter` ago.
    func fresh(_ key: String) -> SiteFile? {
        let now = MonotonicClock.now()
        return state.withLock { state in
            guard let entry = state.entries[key], now &- entry.checkedAt < Self.revalidateAfter else { return nil }
            return entry.file
        }
    }

    /// Keeps what a lookup of `key` found; compressed bodies survive when the file is unchanged.
    func remember(_ file: SiteFile, for key: String) {
        let now = MonotonicClock.now()
        state.withLock { state in
            var entry = Entry(file: file, checkedAt: now)
            if let previous = state.entries[key], previous.file.etag == file.etag, previous.file.path == file.path {
                entry.compressed = previous.compressed
            }
            state.store(entry, for: key)
        }
    }

    /// The body compressed as `coding`, made once per file version by `compress`.
    func compressed(for key: String, file: SiteFile, coding: ContentCoding, compress: () -> [UInt8]?) -> [UInt8]? {
        let cached = state.withLock { state -> [UInt8]? in
            guard let entry = state.entries[key], entry.file.etag == file.etag else { return nil }
            return entry.compressed[coding]
        }
        if let cached { return cached }
        guard let body = compress() else { return nil }
        state.withLock { state in
            guard var entry = state.entries[key], entry.file.etag == file.etag else { return }
            entry.compressed[coding] = body
            state.store(entry, for: key)
        }
        return body
    }
}
