/// When one request of the demo was sent and when its response's first and last bytes arrived,
/// in nanoseconds from the start of its way.
public struct RequestTiming: Sendable, Equatable {
    public var path: String
    public var status: Int
    /// The response's Server field, nil when it had none.
    public var server: String?
    public var sent: UInt64
    public var firstByte: UInt64
    public var lastByte: UInt64

    /// Time from sending to the first response byte: for a request queued behind a slow one on the
    /// same connection, mostly head-of-line wait.
    public var waiting: UInt64 { firstByte &- sent }
}

/// One way of sending the three requests, and what it measured.
public struct DemoWay: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case sequential, pipelined, parallel, multiplexed

        var title: String {
            switch self {
            case .sequential: "Sequential: one keep-alive connection, one request at a time"
            case .pipelined: "Pipelined: one connection, all three requests sent at once"
            case .parallel: "Parallel: three connections, one request each"
            case .multiplexed: "HTTP/2: one connection, the three requests as streams sent at once"
            }
        }
    }

    public var kind: Kind
    public var requests: [RequestTiming]

    public var total: UInt64 { requests.map(\.lastByte).max() ?? 0 }
}

extension [DemoWay] {
    /// Whether every response said it came from Sockeye (`Server: Sockeye`, perhaps with a version):
    /// only then do `/slow` and `/info` mean what the demo's explanation says they mean.
    var answeredBySockeye: Bool {
        let responses = flatMap(\.requests)
        return !responses.isEmpty && responses.allSatisfy { timing in
            timing.server?.split(separator: " ").first?.split(separator: "/").first == "Sockeye"
        }
    }

    /// What the responses said about their server, for saying which server it was when not Sockeye.
    var serverDescription: String {
        let named = Set(flatMap(\.requests).compactMap(\.server)).sorted()
        return named.isEmpty ? "its responses carry no Server field"
            : "its responses say Server: " + named.joined(separator: ", ")
    }
}
