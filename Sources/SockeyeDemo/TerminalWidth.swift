#if canImport(Glibc)
import Glibc
#endif

/// How many columns `sockeye demo hol` may draw in: the terminal's, when standard output is one.
public enum TerminalWidth {
    /// Below this the waterfall has no room for its bars.
    public static let minimum = 40
    /// When neither the terminal nor `COLUMNS` says.
    static let fallback = 80

    /// The width of the terminal on standard output, else the `COLUMNS` environment variable,
    /// else 80; never less than `minimum`.
    public static func current() -> Int {
        resolved(terminalColumns: standardOutputColumns(), columnsVariable: getenv("COLUMNS").map { String(cString: $0) })
    }

    static func resolved(terminalColumns: Int?, columnsVariable: String?) -> Int {
        let variableColumns = columnsVariable.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        return max(minimum, terminalColumns ?? variableColumns ?? fallback)
    }

    private static func standardOutputColumns() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
