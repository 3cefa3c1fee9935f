import SockeyeEvents

/// Draws the three ways as a terminal waterfall on one shared time axis: `░` while a request
/// waits for its first byte, `█` while its response arrives, then explains the picture.
public enum Waterfall {
    public static func render(_ ways: [DemoWay], width: Int = 56) -> String {
        let longest = max(1, ways.map(\.total).max() ?? 1)
        let labelWidth = max(18, ways.flatMap(\.requests).map { $0.path.count + 5 }.max() ?? 18)
        var out = ""
        for way in ways {
            out += "\(way.kind.title) — total \(seconds(way.total))\n"
            for timing in way.requests {
                out += "  " + pad("GET \(timing.path)", labelWidth) + " |" + bar(timing, longest: longest, width: width) + "| "
                    + "\(timing.status)  wait \(seconds(timing.waiting)), done at \(seconds(timing.lastByte))\n"
            }
            out += "\n"
        }
        out += "  " + String(repeating: " ", count: labelWidth) + " 0" + String(repeating: " ", count: max(0, width - 1 - seconds(longest).count))
            + seconds(longest) + "\n"
        out += "  ░ waiting for the first byte   █ response arriving\n\n"
        out += explanation(ways)
        return out
    }

    static func bar(_ timing: RequestTiming, longest: UInt64, width: Int) -> String {
        func column(_ time: UInt64) -> Int { Int((Double(time) / Double(longest) * Double(width)).rounded()) }
        let start = min(width - 1, column(timing.sent))
        let first = min(width - 1, max(start, column(timing.firstByte)))
        let last = min(width, max(first + 1, column(timing.lastByte)))
        return String(repeating: " ", count: start) + String(repeating: "░", count: first - start)
            + String(repeating: "█", count: last - first) + String(repeating: " ", count: width - last)
    }

    static func explanation(_ ways: [DemoWay]) -> String {
        guard let pipelined = ways.first(where: { $0.kind == .pipelined }),
              let parallel = ways.first(where: { $0.kind == .parallel }),
              let sequential = ways.first(where: { $0.kind == .sequential }),
              let blocked = pipelined.requests.last, let slow = pipelined.requests.dropFirst().first,
              let free = parallel.requests.last
        else { return "" }
        return """
            What this shows: on one HTTP/1.1 connection responses must come back in the order the requests were
            sent (RFC 9112 §9.3.2). Pipelined, \(blocked.path) was answered at \(seconds(blocked.lastByte)) although the server
            could produce it at once: it waited behind \(slow.path) — head-of-line blocking. Sent one at a time,
            the whole page took \(seconds(sequential.total)). On three parallel connections nothing queues:
            \(free.path) was done at \(seconds(free.lastByte)) and the total was the slow request alone, \(seconds(parallel.total)).
            That is why browsers open several connections per host, and why HTTP/2 multiplexes streams.

            """
    }

    static func seconds(_ nanoseconds: UInt64) -> String {
        nanoseconds < 1_000_000_000 ? "\(nanoseconds / 1_000_000) ms" : "\(Double(nanoseconds / 10_000_000) / 100) s"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }

    /// The measured timeline as JSON, in milliseconds.
    public static func json(_ ways: [DemoWay], url: String) -> String {
        func ms(_ nanoseconds: UInt64) -> String { "\(Double(nanoseconds / 1000) / 1000)" }
        let wayObjects = ways.map { way in
            let requests = way.requests.map { timing in
                "{\"path\":\(JSONString.quote(timing.path)),\"status\":\(timing.status),\"sent_ms\":\(ms(timing.sent)),"
                    + "\"first_byte_ms\":\(ms(timing.firstByte)),\"last_byte_ms\":\(ms(timing.lastByte)),\"wait_ms\":\(ms(timing.waiting))}"
            }
            return "{\"way\":\"\(way.kind.rawValue)\",\"total_ms\":\(ms(way.total)),\"requests\":[\(requests.joined(separator: ","))]}"
        }
        return "{\"url\":\(JSONString.quote(url)),\"ways\":[\(wayObjects.joined(separator: ","))]}"
    }
}
