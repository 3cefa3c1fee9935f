#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import SockeyeDashboard
import SockeyeEvents
import SockeyeSockets

/// The dashboard on a source from outside the process (`top`, `replay`): it needs a terminal, and
/// `q`, Ctrl-C or SIGTERM restore the terminal before the command returns.
enum DashboardSession {
    static func run(_ command: String, source: any SnapshotSource, info: ServerIdentity) throws {
        guard UIMode.stdoutIsTerminal else {
            FileHandleOutput.standardError("sockeye \(command): the dashboard needs a terminal (stdout is not one, or TERM is unset or dumb)")
            throw ExitCode(2)
        }
        SignalWaiter.blockTerminationSignals()
        let dashboard = Dashboard(source: source, info: info, onQuit: { kill(getpid(), SIGTERM) })
        ThreadSpawner.spawn(detached: true) { dashboard.run() }
        _ = SignalWaiter.wait()
        dashboard.stop()
    }
}
