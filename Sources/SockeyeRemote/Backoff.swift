/// How long to wait before trying a server that went away again: 1 s, doubling to 30 s, back to
/// 1 s once it answers.
struct Backoff: Sendable, Equatable {
    static let first: UInt64 = 1_000_000_000
    static let longest: UInt64 = 30_000_000_000
    private(set) var delay = Backoff.first

    /// The wait before the next try; each failure doubles the one after.
    mutating func failed() -> UInt64 {
        defer { delay = min(delay * 2, Self.longest) }
        return delay
    }

    mutating func succeeded() { delay = Self.first }
}
