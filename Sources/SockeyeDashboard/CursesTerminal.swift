#if canImport(Glibc)
import Glibc
#endif
import CNCurses

/// The only place that calls curses. Used from the dashboard thread alone (curses is not
/// thread-safe); `end()` restores the terminal and is safe to call more than once.
final class CursesTerminal {
    private var active = false
    private var colorPairs: [CellStyle: Int32] = [:]

    func begin(monochrome: Bool) {
        setlocale(LC_ALL, "")
        initscr()
        active = true
        cbreak()  // not raw(): Ctrl-C still raises SIGINT, which the server handles as a shutdown
        noecho()
        keypad(sockeye_stdscr(), true)
        curs_set(0)
        set_escdelay(25)  // Esc alone closes the inspector or timeline at once, not after curses' default second
        timeout(0)
        if !monochrome && has_colors() {
            start_color()
            use_default_colors()
            let colors: [(CellStyle, Int32, Int32)] = [
                (.status2xx, Int32(COLOR_GREEN), -1), (.status3xx, Int32(COLOR_CYAN), -1),
                (.status4xx, Int32(COLOR_YELLOW), -1), (.status5xx, Int32(COLOR_RED), -1),
                (.barTransfer, Int32(COLOR_GREEN), -1), (.barWait, Int32(COLOR_YELLOW), -1),
                (.header, Int32(COLOR_WHITE), Int32(COLOR_BLUE)), (.paused, Int32(COLOR_BLACK), Int32(COLOR_YELLOW)),
            ]
            for (index, color) in colors.enumerated() {
                init_pair(Int16(index + 1), Int16(color.1), Int16(color.2))
                colorPairs[color.0] = Int32(index + 1)
            }
        }
    }

    func end() {
        guard active else { return }
        active = false
        endwin()
    }

    var size: (width: Int, height: Int) { (Int(sockeye_cols()), Int(sockeye_lines())) }

    /// The terminal hung up (its window closed, tmux session killed): there is nobody to draw for.
    /// Checked every frame, since a process that ignores SIGHUP would otherwise redraw a dead
    /// terminal for ever (getch returns at once there).
    var hasHungUp: Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: 0, revents: 0)
        return poll(&descriptor, 1, 0) > 0 && descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Waits up to `milliseconds` for a key; nil when none came.
    func readKey(milliseconds: Int32) -> Int32? {
        timeout(milliseconds)
        let key = getch()
        return key == ERR ? nil : key
    }

    /// The frame on the terminal: rows that did not change are not sent again. Curses compares
    /// screens too, but building every row's text for it was most of a frame's cost under load.
    private var shown: Screen?

    func draw(_ screen: Screen) {
        let previous = shown.flatMap { $0.width == screen.width && $0.height == screen.height ? $0 : nil }
        if previous == nil { erase() }
        for y in 0..<screen.height where previous.map({ !screen.row(y, equals: $0) }) ?? true {
            // The runs cover the whole row, so they overwrite all of what was there.
            for run in screen.runs(row: y) {
                let attributes = attributes(for: run.style)
                attron(attributes)
                mvaddstr(Int32(y), Int32(run.x), run.text)
                attroff(attributes)
            }
        }
        shown = screen
        refresh()
    }

    /// Style to curses attributes; every style stays distinct without colour too.
    private func attributes(for style: CellStyle) -> Int32 {
        let color = colorPairs[style].map { sockeye_color_pair($0) } ?? 0
        switch style {
        case .normal: return 0
        case .bold, .status5xx: return sockeye_attr_bold() | color
        case .dim: return sockeye_attr_dim()
        case .selected: return sockeye_attr_reverse()
        case .title: return sockeye_attr_underline()
        case .focusedTitle, .paused: return sockeye_attr_reverse() | sockeye_attr_bold() | (colorPairs.isEmpty ? 0 : color)
        case .header: return (colorPairs.isEmpty ? sockeye_attr_reverse() : color) | sockeye_attr_bold()
        case .status2xx, .status3xx, .status4xx, .barTransfer: return color
        case .barWait: return color | sockeye_attr_bold()
        }
    }

    /// Maps a curses key code to a command.
    static func command(for key: Int32) -> KeyCommand? {
        switch key {
        case Int32(UInt8(ascii: "q")), Int32(UInt8(ascii: "Q")): .quit
        case Int32(UInt8(ascii: "p")), Int32(UInt8(ascii: " ")): .togglePause
        case 9, sockeye_key_right(): .focusNext
        case sockeye_key_btab(), sockeye_key_left(): .focusPrevious
        case sockeye_key_up(), Int32(UInt8(ascii: "k")): .scrollUp
        case sockeye_key_down(), Int32(UInt8(ascii: "j")): .scrollDown
        case sockeye_key_ppage(): .pageUp
        case sockeye_key_npage(): .pageDown
        case Int32(UInt8(ascii: "s")): .cycleSort
        case Int32(UInt8(ascii: "?")), Int32(UInt8(ascii: "h")): .toggleHelp
        case Int32(UInt8(ascii: "r")): .reset
        case Int32(UInt8(ascii: "/")): .openFilterPrompt
        case Int32(UInt8(ascii: "F")): .toggleFollow
        case Int32(UInt8(ascii: "i")): .openInspector
        case Int32(UInt8(ascii: "n")): .step
        case Int32(UInt8(ascii: "f")): .toggleFrames
        case 10, 13, KEY_ENTER: .toggleTimeline
        case 27: .back
        case sockeye_key_resize(), 12: .redraw  // 12: Ctrl-L
        default: nil
        }
    }
}

extension CursesTerminal {
    /// Maps a curses key code to what it does in the filter prompt; expressions are ASCII.
    static func promptKey(for key: Int32) -> PromptKey? {
        switch key {
        case 10, 13, KEY_ENTER: .enter
        case 27: .escape
        case 8, 127, KEY_BACKSPACE: .backspace
        case 32...126: .character(Character(Unicode.Scalar(UInt8(key))))
        default: nil
        }
    }
}

@available(*, unavailable)
extension CursesTerminal: Sendable {}
