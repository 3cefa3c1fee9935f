import Foundation
import SockeyeEvents
@testable import SockeyeDashboard
import Testing

/// `i`: the newest request's heads, line ends and odd bytes made visible, and its phases.
@Suite("Dashboard request inspector")
struct InspectorTests {
    /// The fixture with heads stored for its newest request; the response head carries a control byte.
    static func snapshotWithHeads() throws -> (StatsSnapshot, RequestRecord) {
        var snapshot = DashboardFixture.snapshot()
        let newest = try #require(snapshot.recentRequests.last)
        snapshot.exchanges = [ExchangeHeads(
            connection: newest.connection, sequence: newest.sequence,
            requestHead: Array("\(newest.method) \(newest.target) HTTP/1.1\r\nHost: x\r\nUser-Agent: curl/7.88.1\r\n\r\n".utf8),
            responseHead: Array("HTTP/1.1 200 OK\r\nContent-Length: 272\r\nX-Note: a\u{1}b\r\n\r\n".utf8))]
        return (snapshot, newest)
    }

    @Test("80x24: both heads with ␍␊ at each line end, \\x01 escaped, then the phases")
    func inspector() throws {
        let (snapshot, newest) = try Self.snapshotWithHeads()
        var state = ViewState()
        state.openInspector(in: snapshot)
        #expect(state.inspected == InspectedRequest(connection: newest.connection, sequence: newest.sequence))
        let lines = TimelineTests.render(snapshot, state)
        try compareWithGolden(lines.joined(separator: "\n"), name: "inspector-80x24")
        #expect(lines[2].contains("conn#\(newest.connection) req#\(newest.sequence)") && lines[2].contains("as received"))
        #expect(lines.contains { $0.contains("Host: x␍␊") })
        #expect(lines.contains { $0.contains("X-Note: a\\x01b␍␊") })
        #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces) == "␍␊" }, "the empty line ending each head")
        #expect(lines[22].contains("head received → answered in") && lines[22].contains("→ done"), "\(lines[22])")
    }

    @Test("the phases name the wait and what it was behind")
    func phasesWithWait() {
        let waited = DashboardFixture.snapshot().recentWaits[0]
        #expect(InspectorView.phases(waited).hasPrefix("head received → waited 1.5s behind \(DashboardFixture.slowTarget) → answered in"))
    }

    @Test("keys: i opens the inspector, Esc returns to the panes; i with no request does nothing")
    func keys() throws {
        #expect(CursesTerminal.command(for: Int32(UInt8(ascii: "i"))) == .openInspector)
        let (snapshot, _) = try Self.snapshotWithHeads()
        var state = ViewState()
        state.timeline = 2
        state.openInspector(in: snapshot)
        KeyCommand.apply(.back, to: &state)
        #expect(state.inspected == nil && state.timeline == 2, "Esc leaves the inspector first")
        KeyCommand.apply(.back, to: &state)
        #expect(state.timeline == nil)
        state.openInspector(in: StatsSnapshot())
        #expect(state.inspected == nil)
    }
}
