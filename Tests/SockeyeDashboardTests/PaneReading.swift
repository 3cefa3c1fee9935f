import SockeyeEvents
@testable import SockeyeDashboard
import Testing

/// One pane's lines cut out of a rendered grid, and checks that it reads right: every cell where
/// its column title says, separated from its neighbours, numbers whole, paths whole or cut with `…`.
struct PaneReading {
    let title: String
    /// The heading (column titles or a summary), then the rows.
    let lines: [String]

    /// The pane's lines, or nil when it is not on screen.
    init?(_ screen: Screen, pane: ViewState.PaneID, focus: ViewState.PaneID, fleetLines: Int = 0) {
        let placement = DashboardRenderer.placement(width: screen.width, height: screen.height, focus: focus, fleetLines: fleetLines)
        guard let rect = placement.first(where: { $0.0 == pane })?.1 else { return nil }
        let all = screen.text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        let lines = (rect.y..<rect.y + rect.height).map { String(all[$0][rect.x..<rect.x + rect.width]) }
        title = lines[0]
        self.lines = Array(lines.dropFirst())
    }

    var heading: String { lines[0] }
    var rows: ArraySlice<String> { lines.dropFirst() }

    static func words(_ line: String) -> [String] { line.split(separator: " ").map(String.init) }

    /// Each open connection's row, in id order: id first; peer, age, state, requests and bytes each
    /// a word of its own where their columns are shown — so the peer and the age never touch.
    func checkConnections(_ snapshot: StatsSnapshot) {
        let columns = Self.words(heading)
        #expect(columns.first == "ID", "connections heading: \(heading)")
        for (row, connection) in zip(rows, snapshot.connections) {
            // The cursor's ▸ marks the selected row of a focused pane.
            let words = Self.words(row).filter { $0 != "▸" }
            #expect(words.first == "\(connection.id)", "row: \(row)")
            let age = Format.age(snapshot.takenAt - connection.openedAt)
            if columns.contains("PEER") {
                let peer = words.firstIndex(of: connection.peer)
                #expect(peer != nil, "the peer is a word of its own: \(row)")
                if columns.contains("AGE"), let peer { #expect(words[peer + 1] == age, "PEER, a space, then AGE: \(row)") }
            }
            expect(words, contain: age, if: columns.contains("AGE"), row)
            expect(words, contain: connection.state.rawValue, if: columns.contains("STATE"), row)
            expect(words, contain: "\(connection.requests)", if: columns.contains("REQS"), row)
            expect(words, contain: Format.bytes(connection.bytesIn + connection.bytesOut), if: columns.contains("BYTES"), row)
        }
    }

    /// The newest requests first; each number a whole word under its column.
    func checkRecent(_ snapshot: StatsSnapshot) {
        let columns = Self.words(heading)
        #expect(columns.contains("PATH") && columns.contains("STS"), "recent heading: \(heading)")
        for (row, record) in zip(rows, snapshot.recentRequests.reversed()) {
            let words = Self.words(row)
            if columns.contains("FINISHED") {
                let age = Format.age(snapshot.takenAt - record.finishedAt)
                let index = words.firstIndex(of: age)
                #expect(index.map { words[$0 + 1] == "ago" } == true, "FINISHED reads \"\(age) ago\": \(row)")
            }
            expect(words, contain: "\(record.connection)", if: columns.contains("CONN"), row)
            expect(words, contain: "\(record.sequence)", if: columns.contains("REQ#"), row)
            expect(words, contain: record.method, if: columns.contains("METHOD"), row)
            expect(words, contain: "\(record.status)", if: true, row)
            expect(words, contain: Format.bytes(record.bytesOut), if: columns.contains("BYTES"), row)
            expect(words, contain: record.wait > 0 ? Format.duration(record.wait) : "-", if: columns.contains("WAIT"), row)
            expect(words, contain: Format.duration(record.duration - record.wait), if: columns.contains("SERVICE"), row)
        }
    }

    /// The waits, newest first: who waited, for how long, behind what.
    func checkWaits(_ snapshot: StatsSnapshot) {
        for (row, record) in zip(lines, snapshot.recentWaits.reversed()) {
            let words = Self.words(row)
            expect(words, contain: "conn#\(record.connection)", if: true, row)
            expect(words, contain: Format.duration(record.wait), if: true, row)
            expect(words, contain: "behind", if: true, row)
        }
    }

    private func expect(_ words: [String], contain value: String, if shown: Bool, _ row: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        guard shown else { return }
        #expect(words.contains(value), "\"\(value)\" whole and apart in: \(row)", sourceLocation: sourceLocation)
    }
}

/// Every path on the screen is one the fixture has, whole or cut at its end with `…`.
func checkPaths(_ screen: Screen, sourceLocation: SourceLocation = #_sourceLocation) {
    for line in screen.text.split(separator: "\n") {
        for word in PaneReading.words(String(line)) where word.hasPrefix("/") {
            let whole = DashboardFixture.targets.contains(word)
            let cut = word.hasSuffix("…") && DashboardFixture.targets.contains { $0.hasPrefix(word.dropLast()) }
            #expect(whole || cut, "\"\(word)\" is a path whole or cut with …, in: \(line)", sourceLocation: sourceLocation)
        }
    }
}
