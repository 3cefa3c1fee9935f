#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents
import SockeyeSockets
import Synchronization

/// The standard `process_*` metrics, read from the kernel at each scrape (as the Prometheus
/// client libraries do on Linux).
struct ProcessMetrics {
    var cpuSeconds: Double
    var residentBytes: Int
    var virtualBytes: Int
    var openFileDescriptors: Int
    var maxFileDescriptors: Int

    /// Seconds since the epoch when the process started: its start in clock ticks after boot
    /// (`/proc/self/stat` field 22) plus the boot time (`btime` in `/proc/stat`). Fixed, so read once.
    static let startTimeSeconds: Double = {
        guard let stat = readFile("/proc/self/stat"), let close = stat.lastIndex(of: ")") else { return 0 }
        // Fields after the command name, which may hold spaces: field 3 is the first of them.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]),
              let boot = readFile("/proc/stat")?.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
              let bootSeconds = Double(boot.dropFirst(6))
        else { return 0 }
        return bootSeconds + ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }()

    static func read() -> ProcessMetrics {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let statm = readFile("/proc/self/statm")?.split(separator: " ").compactMap { Int($0) } ?? []
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        return ProcessMetrics(cpuSeconds: cpu, residentBytes: (statm.count > 1 ? statm[1] : 0) * page,
                              virtualBytes: (statm.first ?? 0) * page, openFileDescriptors: openDescriptors.current(),
                              maxFileDescriptors: Int(limit.rlim_cur))
    }

    private static let openDescriptors = OpenDescriptorGauge()

    private static func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// `process_open_fds`: listing `/proc/self/fd` takes milliseconds with 10,000 connections open, so
/// a scrape gets the last count (at most a second old) and a stale one is recounted on a thread
/// of its own, keeping `/metrics` fast whatever the load.
final class OpenDescriptorGauge: Sendable {
    private struct State {
        var count = 0
        var countedAt: UInt64 = 0
        var counting = false
    }

    private let state = Mutex(State())
    private static let maxAge: UInt64 = 1_000_000_000

    func current(now: UInt64 = MonotonicClock.now()) -> Int {
        let (count, first, stale) = state.withLock { state -> (Int, Bool, Bool) in
            let stale = !state.counting && now &- state.countedAt > Self.maxAge
            if stale { state.counting = true }
            return (state.count, state.countedAt == 0, stale)
        }
        guard stale else { return count }
        if first { return recount(at: now) }
        if ThreadSpawner.spawn(detached: true, { self.recount(at: now) }) == nil {
            state.withLock { $0.counting = false }
        }
        return count
    }

    @discardableResult
    private func recount(at now: UInt64) -> Int {
        let count = Self.countOpenDescriptors()
        state.withLock { $0 = State(count: count, countedAt: max(now, 1), counting: false) }
        return count
    }

    /// Entries of `/proc/self/fd` other than `.`, `..` and the directory's own descriptor.
    private static func countOpenDescriptors() -> Int {
        guard let directory = opendir("/proc/self/fd") else { return 0 }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            if UInt8(bitPattern: entry.pointee.d_name.0) != UInt8(ascii: ".") { count += 1 }
        }
        return count - 1
    }
}
