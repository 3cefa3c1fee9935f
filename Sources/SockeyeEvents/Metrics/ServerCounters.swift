import HTTPCore
import Synchronization

/// Exact totals kept by the producers with relaxed atomics (like nginx's stub_status), so the
/// views' numbers stay right even when the event bus drops history.
public final class ServerCounters: Sendable {
    public let connectionsAccepted = Atomic<Int>(0)
    public let connectionsActive = Atomic<Int>(0)
    public let connectionsRefused = Atomic<Int>(0)
    public let requests = Atomic<Int>(0)
    public let rejected = Atomic<Int>(0)
    public let bytesIn = Atomic<Int>(0)
    public let bytesOut = Atomic<Int>(0)
    public let tlsHandshakes = Atomic<Int>(0)
    public let tlsFailures = Atomic<Int>(0)
    /// Requests that waited behind an earlier response on their connection.
    public let waitedRequests = Atomic<Int>(0)
    /// Served requests by method and status: `slot(method:status:)`.
    private let servedByMethodAndStatus = AtomicCounterArray(count: ServerCounters.methodLabels.count * ServerCounters.statusRange.count)
    /// Head received to last byte queued, for every served request.
    public let durations = DurationHistogram()
    /// How long a request waited behind earlier responses, for those that waited.
    public let waits = DurationHistogram()
    /// Keyed counts, under a lock taken once per connection close or rejection (never per request).
    private let outcomes = Mutex(OutcomeTally())
    /// Completed responses by status class.
    private let informational = Atomic<Int>(0)
    private let successful = Atomic<Int>(0)
    private let redirection = Atomic<Int>(0)
    private let clientError = Atomic<Int>(0)
    private let serverError = Atomic<Int>(0)

    public init() {}

    public func countResponse(status: Int) {
        switch status / 100 {
        case ...1: informational.add(1, ordering: .relaxed)
        case 2: successful.add(1, ordering: .relaxed)
        case 3: redirection.add(1, ordering: .relaxed)
        case 4: clientError.add(1, ordering: .relaxed)
        default: serverError.add(1, ordering: .relaxed)
        }
    }

    /// A request a handler answered: by method and status, its duration and head-of-line wait.
    public func countServed(method: MethodCode, status: Int, bytesIn: Int, duration: UInt64, wait: UInt64) {
        requests.add(1, ordering: .relaxed)
        self.bytesIn.add(bytesIn, ordering: .relaxed)
        servedByMethodAndStatus.add(at: Self.slot(method: method, status: status))
        durations.observe(duration)
        if wait > 0 {
            waitedRequests.add(1, ordering: .relaxed)
            waits.observe(wait)
        }
    }

    /// The methods served requests are counted by; any other is counted as `other`.
    public static let methodLabels = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE", "other"]
    public static let statusRange = 100..<600

    /// `methodLabels` lists the methods in `MethodCode`'s order.
    private static func slot(method: MethodCode, status: Int) -> Int {
        let methodIndex = Int(method.rawValue)
        let statusIndex = statusRange.contains(status) ? status - statusRange.lowerBound : 500 - statusRange.lowerBound
        return methodIndex * statusRange.count + statusIndex
    }

    /// Served requests so far, by method label and status, leaving out the pairs never seen.
    public var servedByMethod: [(method: String, status: Int, count: Int)] {
        var found: [(method: String, status: Int, count: Int)] = []
        for (methodIndex, method) in Self.methodLabels.enumerated() {
            for status in Self.statusRange {
                let count = servedByMethodAndStatus[methodIndex * Self.statusRange.count + status - Self.statusRange.lowerBound]
                if count > 0 { found.append((method, status, count)) }
            }
        }
        return found
    }

    public func countClose(_ reason: CloseReason, requests: Int) {
        outcomes.withLock { $0.countClose(reason, requests: requests) }
    }

    public func countRejection(status: Int, reason: String) {
        rejected.add(1, ordering: .relaxed)
        outcomes.withLock { $0.rejectionsByReason["\(status) \(reason)", default: 0] += 1 }
    }

    public var outcomeTally: OutcomeTally { outcomes.withLock { $0 } }

    /// Responses whose status is in `statusClass` (1 for 1xx … 5 for 5xx).
    public func responses(inClass statusClass: Int) -> Int {
        switch statusClass {
        case ...1: informational.load(ordering: .relaxed)
        case 2: successful.load(ordering: .relaxed)
        case 3: redirection.load(ordering: .relaxed)
        case 4: clientError.load(ordering: .relaxed)
        default: serverError.load(ordering: .relaxed)
        }
    }
}
