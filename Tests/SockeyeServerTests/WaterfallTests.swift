import Foundation
@testable import SockeyeDemo
import SockeyeServer
import Testing

@Suite("sockeye demo hol fits its terminal")
struct WaterfallTests {
    /// A timeline as Sockeye answers it with /slow?ms=1500, in nanoseconds.
    static let ways: [DemoWay] = {
        func timing(_ path: String, _ sent: Double, _ firstByte: Double, _ lastByte: Double) -> RequestTiming {
            RequestTiming(path: path, status: 200, server: "Sockeye", sent: UInt64(sent * 1e6),
                          firstByte: UInt64(firstByte * 1e6), lastByte: UInt64(lastByte * 1e6))
        }
        return [
            DemoWay(kind: .sequential, requests: [timing("/", 0, 0.4, 0.6), timing("/slow?ms=1500", 0.7, 1502.3, 1502.9),
                                                  timing("/info", 1503, 1503.5, 1503.8)]),
            DemoWay(kind: .pipelined, requests: [timing("/", 0, 0.5, 0.7), timing("/slow?ms=1500", 0, 1501.1, 1501.4),
                                                 timing("/info", 0, 1501.4, 1501.6)]),
            DemoWay(kind: .parallel, requests: [timing("/", 0, 0.6, 0.8), timing("/slow?ms=1500", 0, 1500.9, 1501.2),
                                                timing("/info", 0, 0.7, 0.9)]),
        ]
    }()

    @Test("every line fits, explanation words stay whole, the numbers stay whole", arguments: [80, 60, 120, 40])
    func fits(width: Int) throws {
        let lines = Waterfall.render(Self.ways, width: width).split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { #expect(line.count <= width, "\(line.count) columns: \(line)") }

        let explanationStart = try #require(lines.firstIndex { $0.hasPrefix("What this shows:") })
        let renderedWords = lines[explanationStart...].flatMap { $0.split(separator: " ") }
        let words = Waterfall.explanation(Self.ways).flatMap { $0.split(separator: " ") }
        #expect(renderedWords == words, "no word split across lines")

        for timing in Self.ways.flatMap(\.requests) {
            #expect(lines.contains { $0.contains(Waterfall.numbers(timing)) }, "\(Waterfall.numbers(timing)) whole on one line")
        }
        for way in Self.ways {
            #expect(lines.contains { $0.hasSuffix("total \(Waterfall.seconds(way.total))") })
        }
        let bars = lines.filter { $0.contains("|") && $0.contains("GET /") }
        #expect(bars.count == 9)
        #expect(Set(bars.map { $0.prefix { $0 != "|" }.count }).count == 1, "the bars start in one column")
    }

    @Test("a label too long for its column is cut with … before a number, never inside it")
    func cutLabel() {
        #expect(Waterfall.cut("GET /slow?ms=1500", to: 15) == "GET /slow?ms=… ")
        #expect(Waterfall.cut("GET /info", to: 8) == "GET /in…")
        #expect(Waterfall.cut("GET /", to: 8) == "GET /   ")
        let narrow = Waterfall.render(Self.ways, width: 40)
        #expect(narrow.contains("GET /slow?ms=…"))
        #expect(!narrow.contains("GET /slow?ms=1…"))
    }

    @Test("the width comes from the terminal, else COLUMNS, else 80, and is at least 40")
    func terminalWidth() {
        #expect(TerminalWidth.resolved(terminalColumns: 132, columnsVariable: "100") == 132)
        #expect(TerminalWidth.resolved(terminalColumns: nil, columnsVariable: "100") == 100)
        #expect(TerminalWidth.resolved(terminalColumns: nil, columnsVariable: nil) == 80)
        #expect(TerminalWidth.resolved(terminalColumns: nil, columnsVariable: "wide") == 80)
        #expect(TerminalWidth.resolved(terminalColumns: nil, columnsVariable: "0") == 80)
        #expect(TerminalWidth.resolved(terminalColumns: 20, columnsVariable: nil) == 40)
    }

    @Test("`sockeye demo hol` with COLUMNS=80 and stdout a file: every line within 80 columns")
    func binaryAtEightyColumns() throws {
        let server = try TestServer(model: .eventloop, workers: 2)
        defer { server.stop() }
        let demo = try ChildProcess(SockeyeProcess.binary.path, ["demo", "hol", "--url", server.url, "--slow-ms", "300"],
                                    environment: ["COLUMNS": "80"])
        #expect(demo.wait(timeout: 30) == 0, "\(demo.stderr)")
        let lines = demo.stdout.split(separator: "\n")
        #expect(lines.count > 20)
        for line in lines { #expect(line.count <= 80, "\(line.count) columns: \(line)") }
        #expect(demo.stdout.contains("head-of-line pane"), "Sockeye answered")
    }

    @Test("a server that is not Sockeye: the timeline, a plain statement, no Sockeye conclusions")
    func notSockeye() throws {
        let server = try CannedReplyServer(reply: Array("HTTP/1.1 200 OK\r\nServer: nginx/1.27\r\nContent-Length: 2\r\n\r\nok".utf8))
        defer { server.stop() }
        let ways = try HOLDemo(host: "127.0.0.1", port: server.port, slowMilliseconds: 0).run()
        #expect(!ways.answeredBySockeye)
        let lines = Waterfall.render(ways, width: 80).split(separator: "\n")
        #expect(lines.filter { $0.contains("|") && $0.contains("GET /") }.count == 9, "the measured timeline")
        let text = lines.joined(separator: " ")
        #expect(text.contains("The server is not Sockeye: its responses say Server: nginx/1.27."))
        #expect(!text.contains("head-of-line"), "no conclusions")
        #expect(!text.contains("dashboard"))
    }
}
