import SockeyeEvents
import SockeyeText

/// One connection's requests on one time axis: those answered (from the recent requests), the one
/// in progress and those queued behind it, in the order the connection received them.
struct ConnectionTimeline {
    /// One request's row. `waitEnd` is when its answer started (`answerEnd` when it has not).
    struct Entry {
        enum Phase {
            case answered(status: Int)
            case current(ConnectionState)
            case waiting
        }

        var label: String
        var headAt: UInt64
        var waitEnd: UInt64
        var answerEnd: UInt64
        var phase: Phase

        var wait: UInt64 { waitEnd &- headAt }
        var total: UInt64 { answerEnd &- headAt }
    }

    let id: UInt64
    let peer: String
    let entries: [Entry]
    /// Where the axis ends: now while a request is in progress or queued, else the last answer's end.
    let end: UInt64

    init(connection id: UInt64, instance: Int, snapshot: StatsSnapshot) {
        let now = snapshot.takenAt
        let records = snapshot.recentRequests.filter { $0.connection == id && $0.instance == instance }.sorted { $0.sequence < $1.sequence }
        var entries = records.map { record in
            Entry(label: "req#\(record.sequence) \(SafeText.escape(record.method)) \(SafeText.escape(record.target))",
                  headAt: record.headAt, waitEnd: record.startedAt, answerEnd: record.finishedAt,
                  phase: .answered(status: record.status))
        }
        let row = snapshot.connections.first { $0.id == id && $0.instance == instance }
        if let row, let current = row.current {
            // Its start is not recorded: it began no earlier than the connection became free for it.
            let start = max(row.openedAt, records.last?.finishedAt ?? 0)
            entries.append(Entry(label: "req#\(row.requests + 1) \(SafeText.escape(current))", headAt: start, waitEnd: start,
                                 answerEnd: now, phase: .current(row.state)))
        }
        for queued in row?.queued ?? [] {
            entries.append(Entry(label: "req#\(queued.sequence) \(SafeText.escape(queued.label))", headAt: queued.since,
                                 waitEnd: now, answerEnd: now, phase: .waiting))
        }
        self.id = id
        peer = row?.peer ?? records.first?.peer ?? "?"
        self.entries = entries
        let live = row.map { $0.current != nil || !$0.queued.isEmpty } ?? false
        end = live ? now : (records.map(\.finishedAt).max() ?? now)
    }
}
