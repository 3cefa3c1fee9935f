import Synchronization

/// Durations counted into fixed buckets with relaxed atomics, as a Prometheus histogram reads
/// them: one bucket and the sum per observation, never a lock.
public final class DurationHistogram: Sendable {
    /// Upper bounds in seconds: sub-millisecond for the fast routes, up to `/slow`'s minute.
    public static let bounds: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                          0.25, 0.5, 1, 2.5, 5, 10, 30, 60]
    /// Per histogram rather than static, so an observation does not pass a one-time-initialization check.
    private let boundsNanoseconds = DurationHistogram.bounds.map { UInt64($0 * 1e9) }
    /// One per bound and a last one for what is above them all (`+Inf`); not cumulative.
    private let buckets = AtomicCounterArray(count: DurationHistogram.bounds.count + 1)
    private let sumNanoseconds = Atomic<Int>(0)

    public init() {}

    /// Inlined into the request's counting, which calls it once or twice per request.
    @inline(__always)
    public func observe(_ nanoseconds: UInt64) {
        let bounds = boundsNanoseconds
        var index = 0
        while index < bounds.count && nanoseconds > bounds[index] { index += 1 }
        buckets.add(at: index)
        sumNanoseconds.add(Int(truncatingIfNeeded: nanoseconds), ordering: .relaxed)
    }

    /// What has been observed, read bucket by bucket (each exact; together as of a moment within the read).
    public struct Reading: Sendable, Equatable {
        /// Observations at or below each bound, then the total (`+Inf`): cumulative, as exposed.
        public var cumulative: [Int]
        public var sumSeconds: Double
        public var count: Int { cumulative.last ?? 0 }
    }

    public var reading: Reading {
        var cumulative: [Int] = []
        cumulative.reserveCapacity(buckets.count)
        var total = 0
        for index in 0..<buckets.count {
            total += buckets[index]
            cumulative.append(total)
        }
        return Reading(cumulative: cumulative, sumSeconds: Double(sumNanoseconds.load(ordering: .relaxed)) / 1e9)
    }
}
