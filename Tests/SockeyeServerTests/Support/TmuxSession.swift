import Foundation

/// A detached tmux session running one command in a 120×40 terminal; `screen` reads what it shows.
/// Killed by `close()`.
struct TmuxSession {
    /// The tmux executable, if the machine has one.
    static let installed = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first(where: FileManager.default.isExecutableFile)

    let tmux: String
    let name = "sockeye-test-\(UUID().uuidString.prefix(8))"

    init(command: String) throws {
        guard let installed = Self.installed else { throw POSIXError(.ENOENT) }
        tmux = installed
        _ = try Command.run(tmux, ["new-session", "-d", "-s", name, "-x", "120", "-y", "40", command])
    }

    func screen() throws -> String { try Command.run(tmux, ["capture-pane", "-p", "-t", name]).stdout }

    /// The screen once `condition` holds, or as it is after `seconds`.
    func waitFor(_ seconds: Double, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var text = try screen()
        while !condition(text) && Date() < deadline {
            usleep(100_000)
            text = try screen()
        }
        return text
    }

    /// The process the pane runs (the shell, or what it exec'd).
    func panePID() throws -> String {
        try Command.run(tmux, ["list-panes", "-t", name, "-F", "#{pane_pid}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func sendKeys(_ keys: String) throws { _ = try Command.run(tmux, ["send-keys", "-t", name, keys]) }

    func close() { _ = try? Command.run(tmux, ["kill-session", "-t", name]) }
}
