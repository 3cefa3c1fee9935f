import Foundation
import SockeyeEvents
@testable import SockeyeDashboard
import Testing

@Suite("Dashboard layout")
struct DashboardLayoutTests {
    private func render(_ width: Int, _ height: Int, snapshot: StatsSnapshot = DashboardFixture.snapshot(),
                        info: DashboardInfo = DashboardFixture.info, state: ViewState = ViewState()) -> Screen {
        DashboardRenderer.render(snapshot, info: info, state: state, width: width, height: height)
    }

    @Test("every pane reads right at 80x24 and larger", arguments: [(80, 24), (100, 30), (120, 40)])
    func fullLayout(width: Int, height: Int) throws {
        let snapshot = DashboardFixture.snapshot()
        let screen = render(width, height)
        try compareWithGolden(screen.text, name: "dashboard-\(width)x\(height)")
        let panes = try #require(PaneReading(screen, pane: .connections, focus: .connections))
        panes.checkConnections(snapshot)
        try #require(PaneReading(screen, pane: .recent, focus: .connections)).checkRecent(snapshot)
        try #require(PaneReading(screen, pane: .waits, focus: .connections)).checkWaits(snapshot)
        checkPaths(screen)
        let reuse = try #require(PaneReading(screen, pane: .reuse, focus: .connections))
        #expect(reuse.heading.contains("3 closed, 67% reused"))
        let totals = screen.text.split(separator: "\n")[1]
        #expect(totals.contains("rejected 1") && totals.contains("dropped 0"), "the totals keep rejected and dropped: \(totals)")
        #expect(PaneReading.words(panes.heading) == ["ID", "PEER", "AGE", "STATE"] + (width > 80 ? ["PROTO", "REQS", "BYTES"] : ["REQS"]) + ["CURRENT"])
    }

    @Test("at 80x24 a long target ends with … and /slow?ms=1500 shows whole")
    func targetsAt80x24() throws {
        let screen = render(80, 24)
        let recent = try #require(PaneReading(screen, pane: .recent, focus: .connections))
        let newest = try #require(recent.rows.first.flatMap { PaneReading.words($0).first { $0.hasPrefix("/") } })
        #expect(newest.count > 12 && newest.hasSuffix("…") && DashboardFixture.longPath.hasPrefix(newest.dropLast()),
                "the long path keeps its start and ends with …: \(newest)")
        #expect(recent.rows.contains { PaneReading.words($0).contains(DashboardFixture.slowTarget) })
        let connections = try #require(PaneReading(screen, pane: .connections, focus: .connections))
        let currents = connections.rows.compactMap { PaneReading.words($0).last { $0.hasPrefix("/") } }
        #expect(currents.first == DashboardFixture.slowTarget)
        #expect(currents.last.map { $0.hasSuffix("…") && DashboardFixture.longQuery.hasPrefix($0.dropLast()) } == true)
    }

    @Test("at 60x15 the focused pane alone, numbers whole, and a hint to enlarge the terminal",
          arguments: ViewState.PaneID.allCases)
    func smallTerminal(focus: ViewState.PaneID) throws {
        let snapshot = DashboardFixture.snapshot()
        var state = ViewState()
        state.focus = focus
        let screen = render(60, 15, state: state)
        if focus == .connections || focus == .recent {
            try compareWithGolden(screen.text, name: focus == .connections ? "dashboard-60x15" : "dashboard-60x15-recent")
        }
        let lines = screen.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[13].contains("enlarge the terminal to 70x20 to see all four panes"))
        let pane = try #require(PaneReading(screen, pane: focus, focus: focus))
        for other in ViewState.PaneID.allCases where other != focus {
            #expect(PaneReading(screen, pane: other, focus: focus) == nil)
        }
        switch focus {
        case .connections: pane.checkConnections(snapshot)
        case .reuse: #expect(pane.heading.contains("3 closed, 67% reused"))
        case .waits: pane.checkWaits(snapshot)
        case .recent: pane.checkRecent(snapshot)
        }
        checkPaths(screen)
        #expect(lines[1].contains("rejected 1") && lines[1].contains("dropped 0"))
        #expect(lines[14].contains("? help"))
    }

    @Test("40x10: the focused pane keeps its id and current request; the hint shortens")
    func tinyTerminal() throws {
        let screen = render(40, 10)
        try compareWithGolden(screen.text, name: "dashboard-40x10")
        try #require(PaneReading(screen, pane: .connections, focus: .connections)).checkConnections(DashboardFixture.snapshot())
        checkPaths(screen)
        #expect(screen.text.contains("enlarge to 70x20 to see all panes"))
    }

    @Test("an HTTPS server shows each connection's TLS version and handshake time, and the TLS totals")
    func tlsColumns() throws {
        var snapshot = DashboardFixture.snapshot()
        snapshot.connections[0].tlsVersion = "TLSv1.3"
        snapshot.connections[0].handshakeTime = 2_400_000
        snapshot.connections[1].state = .handshake
        snapshot.tlsHandshakes = 3
        snapshot.tlsFailures = 1
        let info = DashboardInfo(address: "https://127.0.0.1:8443", model: "eventloop", workers: 2)
        let screen = render(100, 24, snapshot: snapshot, info: info)
        try compareWithGolden(screen.text, name: "dashboard-tls-100x24")
        #expect(screen.text.contains("TLS 3 ok 1 failed"))
        #expect(screen.text.contains("1.3 2.4ms"))
        #expect(screen.text.contains("handshake -"))
        #expect(screen.text.contains("STATE     TLS"))
        try #require(PaneReading(screen, pane: .connections, focus: .connections)).checkConnections(snapshot)
        let plain = render(100, 24, snapshot: snapshot)
        #expect(!plain.text.contains("TLS"), "a plain HTTP server shows no TLS column")
        let narrow = render(80, 24, snapshot: snapshot, info: info)
        #expect(!narrow.text.contains("STATE     TLS"), "at 80 columns the TLS column is the one to go")
        #expect(narrow.text.contains("TLS 3 ok 1 failed"))
    }

    @Test("help overlay, pause marker and focus are drawn, not only coloured")
    func overlayAndPause() throws {
        var state = ViewState()
        KeyCommand.apply(.togglePause, to: &state)
        KeyCommand.apply(.focusNext, to: &state)
        KeyCommand.apply(.toggleHelp, to: &state)
        let screen = render(80, 24, state: state)
        try compareWithGolden(screen.text, name: "dashboard-80x24-help-paused")
        #expect(screen.text.contains("PAUSED"))
        #expect(screen.text.contains("▶ Keep-alive reuse"))
        #expect(screen.text.contains("reset history (totals stay)"))
    }

    @Test("every screen cell stays inside the grid at odd sizes")
    func oddSizes() {
        for (width, height) in [(0, 0), (1, 1), (19, 5), (20, 6), (69, 19), (70, 20), (300, 100)] {
            let screen = render(width, height)
            #expect(screen.text.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count == width } || height == 0)
        }
    }

    @Test("keys move focus, scroll, sort and pause")
    func keys() {
        var state = ViewState()
        KeyCommand.apply(.focusPrevious, to: &state)
        #expect(state.focus == .recent)
        KeyCommand.apply(.scrollDown, to: &state)
        KeyCommand.apply(.scrollDown, to: &state)
        KeyCommand.apply(.scrollUp, to: &state)
        #expect(state.scrollOffset(.recent) == 1)
        KeyCommand.apply(.cycleSort, to: &state)
        #expect(state.sort == .age)
        let unscrolled = render(80, 21)
        let scrolled = render(80, 21, state: state)
        #expect(unscrolled.text.contains("/static/"))
        #expect(!scrolled.text.contains("/static/"), "the newest request scrolled out of view")
    }

    @Test("statuses carry a style class as well as their number")
    func statusStyles() throws {
        let screen = render(120, 40)
        let lines = screen.text.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(lines.firstIndex { $0.contains("/missing") })
        let characters = Array(lines[row])
        let column = try #require((0..<characters.count - 3).first { String(characters[$0..<$0 + 3]) == "404" })
        #expect(screen.style(x: column, y: row) == .status4xx)
    }
}

/// Compares with Tests/SockeyeDashboardTests/Golden/NAME.txt; SOCKEYE_UPDATE_GOLDEN=1 rewrites it.
func compareWithGolden(_ text: String, name: String) throws {
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name).txt")
    if ProcessInfo.processInfo.environment["SOCKEYE_UPDATE_GOLDEN"] == "1" {
        try (text + "\n").write(to: source, atomically: true, encoding: .utf8)
        return
    }
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Golden"))
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(text + "\n" == expected, "rendered \(name) differs from its golden file; SOCKEYE_UPDATE_GOLDEN=1 swift test rewrites it")
}
