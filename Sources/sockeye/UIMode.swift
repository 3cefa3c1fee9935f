#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import SockeyeLog
import SockeyeServer

/// Which view watches the server.
enum UIMode: String, ExpressibleByArgument, CaseIterable {
    case auto, tui, log, none

    /// `auto` picks the dashboard only when stdout is a terminal and TERM is set and not `dumb`.
    func resolved() -> UIMode {
        guard self == .auto else { return self }
        return Self.stdoutIsTerminal ? .tui : .log
    }

    static var stdoutIsTerminal: Bool {
        guard isatty(STDOUT_FILENO) == 1, let term = getenv("TERM").map({ String(cString: $0) }) else { return false }
        return !term.isEmpty && term != "dumb"
    }
}

extension IOModel: ExpressibleByArgument {}
extension LogFormat: ExpressibleByArgument {}
