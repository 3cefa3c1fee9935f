#if canImport(Glibc)
import Glibc
#endif
import CNCurses

/// On a crash signal, give the terminal back (leave curses mode) before dying, so the user's
/// shell is not left without echo. Then re-raise with the default action to keep the core dump.
enum CrashGuard {
    static func install() {
        for crash in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(crash) { number in
                endwin()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }
}
