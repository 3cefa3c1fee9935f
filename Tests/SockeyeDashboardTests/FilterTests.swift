import SockeyeEvents
@testable import SockeyeDashboard
import Testing

/// The `/` filter and `F` follow, driven through the view state and read off the rendered grid.
@Suite("Dashboard filter")
struct FilterTests {
    static func type(_ text: String, into state: inout ViewState) {
        KeyCommand.apply(.openFilterPrompt, to: &state)
        for character in text { state.handlePromptKey(.character(character)) }
    }

    static func render(_ state: ViewState, width: Int = 100, height: Int = 40) -> Screen {
        DashboardRenderer.render(DashboardFixture.snapshot(), info: DashboardFixture.info, state: state, width: width, height: height)
    }

    @Test("`/~c 404` Enter: the recent pane shows only the 404, its title says the filter")
    func recentShowsOnlyMatches() throws {
        var state = ViewState()
        Self.type("~c 404", into: &state)
        #expect(Self.render(state).text.split(separator: "\n").last?.hasPrefix("/~c 404█") == true, "the prompt on the last line")
        state.handlePromptKey(.enter)
        #expect(state.filterPrompt == nil)
        #expect(state.filter?.text == "~c 404")

        let screen = Self.render(state)
        let recent = try #require(PaneReading(screen, pane: .recent, focus: state.focus))
        #expect(recent.title.contains("filter: ~c 404"), "\(recent.title)")
        let rows = recent.rows.filter { !$0.allSatisfy(\.isWhitespace) }
        #expect(rows.count == 1, "\(rows)")
        #expect(rows.first.map { PaneReading.words($0).contains("/missing") && PaneReading.words($0).contains("404") } == true)
        #expect(!screen.text.contains("/chunked"))
    }

    @Test("the head-of-line pane shows only matching waits, and says so")
    func waitsShowOnlyMatches() throws {
        var state = ViewState()
        Self.type("~u info", into: &state)
        state.handlePromptKey(.enter)
        let waits = try #require(PaneReading(Self.render(state), pane: .waits, focus: state.focus))
        #expect(waits.title.contains("filter: ~u info"), "\(waits.title)")
        let rows = waits.lines.filter { !$0.allSatisfy(\.isWhitespace) }
        #expect(rows.count == 1 && rows[0].contains("conn#2 req#3 GET /info"), "\(rows)")
    }

    @Test("an invalid expression shows its error in the prompt and keeps the old filter; Esc cancels")
    func invalidKeepsOldFilter() throws {
        var state = ViewState()
        Self.type("~m POST", into: &state)
        state.handlePromptKey(.enter)
        KeyCommand.apply(.openFilterPrompt, to: &state)
        #expect(state.filterPrompt?.text == "~m POST", "the prompt starts from the current filter")
        for _ in 0..<7 { state.handlePromptKey(.backspace) }
        for character in "~c 4z4" { state.handlePromptKey(.character(character)) }
        state.handlePromptKey(.enter)
        #expect(state.filterPrompt?.error?.position == 4)
        #expect(state.filter?.text == "~m POST")
        let footer = try #require(Self.render(state).text.split(separator: "\n").last)
        #expect(footer.contains("error at position 4"), "\(footer)")

        state.handlePromptKey(.escape)
        #expect(state.filterPrompt == nil)
        #expect(state.filter?.text == "~m POST")
        let recent = try #require(PaneReading(Self.render(state), pane: .recent, focus: state.focus))
        #expect(recent.rows.filter { !$0.allSatisfy(\.isWhitespace) }.count == 1)
    }

    @Test("an empty expression clears the filter: every row is back")
    func emptyClears() throws {
        var state = ViewState()
        Self.type("~c 404", into: &state)
        state.handlePromptKey(.enter)
        KeyCommand.apply(.openFilterPrompt, to: &state)
        for _ in 0..<6 { state.handlePromptKey(.backspace) }
        state.handlePromptKey(.enter)
        #expect(state.filter == nil)
        let snapshot = DashboardFixture.snapshot()
        let recent = try #require(PaneReading(Self.render(state), pane: .recent, focus: state.focus))
        #expect(!recent.title.contains("filter"))
        recent.checkRecent(snapshot)
    }

    @Test("keys: `/` opens the prompt, `F` follows; typed keys go to the prompt")
    func keys() {
        #expect(CursesTerminal.command(for: Int32(UInt8(ascii: "/"))) == .openFilterPrompt)
        #expect(CursesTerminal.command(for: Int32(UInt8(ascii: "F"))) == .toggleFollow)
        #expect(CursesTerminal.promptKey(for: Int32(UInt8(ascii: "q"))) == .character("q"))
        #expect(CursesTerminal.promptKey(for: 10) == .enter)
        #expect(CursesTerminal.promptKey(for: 27) == .escape)
        #expect(CursesTerminal.promptKey(for: 127) == .backspace)
    }

    @Test("`F` jumps the recent pane to the newest row and stays; scrolling it stops following")
    func follow() throws {
        var state = ViewState()
        state.focus = .recent
        KeyCommand.apply(.pageDown, to: &state)
        #expect(state.scrollOffset(.recent) == 10)
        KeyCommand.apply(.toggleFollow, to: &state)
        #expect(state.followNewest && state.scrollOffset(.recent) == 0)
        let recent = try #require(PaneReading(Self.render(state), pane: .recent, focus: state.focus))
        #expect(recent.title.contains("following"), "\(recent.title)")
        #expect(recent.rows.first?.contains("/static/") == true, "newest first: \(recent.rows)")
        KeyCommand.apply(.scrollDown, to: &state)
        #expect(!state.followNewest && state.scrollOffset(.recent) == 1)
    }
}
