import SockeyeEvents
import SockeyeText

/// Draws the three ways as a terminal waterfall on one shared time axis: `░` while a request
/// waits for its first byte, `█` while its response arrives, then explains the picture. Every
/// line fits the width: the bars scale, labels are cut with `…`, text wraps between words, and
/// the numbers are never cut.
public enum Waterfall {
    /// The picture in `width` columns, at least `TerminalWidth.minimum`.
    public static func render(_ ways: [DemoWay], width: Int) -> String {
        let longest = max(1, ways.map(\.total).max() ?? 1)
        let timings = ways.flatMap(\.requests)
        let layout = RowLayout(labels: timings.map(label), numbers: timings.map(numbers), width: width)
        var lines: [String] = []
        for way in ways {
            lines += wrapped("\(way.kind.title) — total \(seconds(way.total))", width: width)
            for timing in way.requests {
                let row = "  " + cut(label(timing), to: layout.labelWidth) + " |"
                    + bar(timing, longest: longest, width: layout.barWidth) + "|"
                if layout.numbersBesideBar {
                    lines.append(row + " " + numbers(timing))
                } else {
                    // At most 40 columns: HOLDemo gives each response at most 90 s, so no time reaches 1000 s.
                    lines += [row, "    " + numbers(timing)]
                }
            }
            lines.append("")
        }
        let end = seconds(longest)
        lines.append(String(repeating: " ", count: layout.labelWidth + 4) + "0"
            + String(repeating: " ", count: layout.barWidth - 1 - end.count) + end)
        let legend = ["░ waiting for the first byte", "█ response arriving"]
        let legendLine = "  " + legend.joined(separator: "   ")
        lines += legendLine.count <= width ? [legendLine] : legend.map { "  " + $0 }
        lines.append("")
        lines += Array(explanation(ways).map { wrapped($0, width: width) }.joined(separator: [""]))
        return lines.joined(separator: "\n") + "\n"
    }

    /// How a row shares the width: `  LABEL |BAR| NUMBERS`, or, when the numbers leave the bar too
    /// little room, `  LABEL |BAR|` with the numbers on the line below.
    struct RowLayout {
        static let minimumLabelWidth = 12
        static let minimumBarWidth = 20

        let labelWidth: Int
        let barWidth: Int
        let numbersBesideBar: Bool

        init(labels: [String], numbers: [String], width: Int) {
            let widestLabel = labels.map(\.count).max() ?? 0
            let widestNumbers = numbers.map(\.count).max() ?? 0
            let besideLabelWidth = min(widestLabel, max(Self.minimumLabelWidth, width - 6 - widestNumbers - Self.minimumBarWidth))
            if width - 6 - besideLabelWidth - widestNumbers >= Self.minimumBarWidth {
                labelWidth = besideLabelWidth
                barWidth = width - 6 - besideLabelWidth - widestNumbers
                numbersBesideBar = true
            } else {
                labelWidth = min(widestLabel, max(Self.minimumLabelWidth, width - 5 - Self.minimumBarWidth))
                barWidth = width - 5 - labelWidth
                numbersBesideBar = false
            }
        }
    }

    static func label(_ timing: RequestTiming) -> String { "GET \(timing.path)" }

    static func numbers(_ timing: RequestTiming) -> String {
        "\(timing.status)  wait \(seconds(timing.waiting)), done at \(seconds(timing.lastByte))"
    }

    static func bar(_ timing: RequestTiming, longest: UInt64, width: Int) -> String {
        func column(_ time: UInt64) -> Int { Int((Double(time) / Double(longest) * Double(width)).rounded()) }
        let start = min(width - 1, column(timing.sent))
        let first = min(width - 1, max(start, column(timing.firstByte)))
        let last = min(width, max(first + 1, column(timing.lastByte)))
        return String(repeating: " ", count: start) + String(repeating: "░", count: first - start)
            + String(repeating: "█", count: last - first) + String(repeating: " ", count: width - last)
    }

    /// `text` padded to `width`, or cut to it with `…`; a number the cut would split is left out whole.
    static func cut(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text + String(repeating: " ", count: width - text.count) }
        var kept = text.prefix(width - 1)
        if text.dropFirst(kept.count).first?.isNumber == true {
            while kept.last?.isNumber == true { kept.removeLast() }
        }
        return kept + "…" + String(repeating: " ", count: width - 1 - kept.count)
    }

    /// `text` broken between words into lines of at most `width` columns; a number stays with its
    /// unit (`1.5 s`), and a word longer than a whole line is split, as there is no other way to fit it.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for var word in unbreakableWords(text) {
            if !line.isEmpty, line.count + 1 + word.count <= width {
                line += " " + word
                continue
            }
            if !line.isEmpty { lines.append(line) }
            while word.count > width {
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            line = String(word)
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The words of `text`, a number and the time unit after it (`ms`, `s`, maybe with punctuation) as one.
    private static func unbreakableWords(_ text: String) -> [Substring] {
        var words: [Substring] = []
        for word in text.split(separator: " ") {
            let unit = word.prefix(while: \.isLetter)
            if let previous = words.last, previous.first?.isNumber == true, unit == "ms" || unit == "s",
               word[unit.endIndex...].allSatisfy(\.isPunctuation) {
                words[words.count - 1] = text[previous.startIndex..<word.endIndex]
            } else {
                words.append(word)
            }
        }
        return words
    }

    /// The explanation's paragraphs, unwrapped. What `/slow` and `/info` do is known only when
    /// Sockeye answered; another server's timeline is shown without conclusions.
    static func explanation(_ ways: [DemoWay]) -> [String] {
        guard ways.answeredBySockeye else {
            return ["The server is not Sockeye: \(ways.serverDescription). The times above are as measured, but "
                + "what its /slow and /info do is unknown, so no conclusions are drawn from them."]
        }
        guard let pipelined = ways.first(where: { $0.kind == .pipelined }),
              let parallel = ways.first(where: { $0.kind == .parallel }),
              let sequential = ways.first(where: { $0.kind == .sequential }),
              let blocked = pipelined.requests.last, let slow = pipelined.requests.dropFirst().first,
              let free = parallel.requests.last
        else { return [] }
        return [
            "What this shows: on one HTTP/1.1 connection responses must come back in the order the requests were "
                + "sent (RFC 9112 §9.3.2). Pipelined, \(blocked.path) was answered at \(seconds(blocked.lastByte)) although "
                + "the server could produce it at once: it waited behind \(slow.path) — head-of-line blocking. Sent one at "
                + "a time, the whole page took \(seconds(sequential.total)). On three parallel connections nothing queues: "
                + "\(free.path) was done at \(seconds(free.lastByte)) and the total was the slow request alone, "
                + "\(seconds(parallel.total)). That is why browsers open several connections per host, and why HTTP/2 "
                + "multiplexes streams.",
            "The dashboard's head-of-line pane shows the same wait for the pipelined \(blocked.path), as the server "
                + "measured it.",
        ] + http2Explanation(ways, slow: slow)
    }

    private static func http2Explanation(_ ways: [DemoWay], slow: RequestTiming) -> [String] {
        guard let multiplexed = ways.first(where: { $0.kind == .multiplexed }), let free = multiplexed.requests.last else {
            return []
        }
        return [
            "Over HTTP/2 the three requests went as streams on one connection, at once: \(free.path) was done at "
                + "\(seconds(free.lastByte)) while \(slow.path) was still running (RFC 9113 §5: streams are independent, "
                + "a response goes out as soon as it is ready). One connection, and no head-of-line wait between "
                + "requests. What HTTP/2 does not fix is TCP's own: one lost packet stalls every stream of the "
                + "connection until it is resent — which is why HTTP/3 runs over QUIC.",
        ]
    }

    static func seconds(_ nanoseconds: UInt64) -> String {
        nanoseconds < 1_000_000_000 ? "\(nanoseconds / 1_000_000) ms" : "\(Double(nanoseconds / 10_000_000) / 100) s"
    }

    /// The measured timeline as JSON, in milliseconds.
    public static func json(_ ways: [DemoWay], url: String) -> String {
        func ms(_ nanoseconds: UInt64) -> Double { Double(nanoseconds / 1000) / 1000 }
        let wayObjects = ways.map { way in
            let requests = way.requests.map { timing in
                var request = JSONObjectWriter()
                request.add("path", timing.path)
                request.add("status", timing.status)
                request.add("sent_ms", ms(timing.sent))
                request.add("first_byte_ms", ms(timing.firstByte))
                request.add("last_byte_ms", ms(timing.lastByte))
                request.add("wait_ms", ms(timing.waiting))
                return request.json
            }
            var object = JSONObjectWriter()
            object.add("way", way.kind.rawValue)
            object.add("total_ms", ms(way.total))
            object.add("requests", json: JSONObjectWriter.array(requests))
            return object.json
        }
        var document = JSONObjectWriter()
        document.add("url", url)
        document.add("ways", json: JSONObjectWriter.array(wayObjects))
        return document.json
    }
}
