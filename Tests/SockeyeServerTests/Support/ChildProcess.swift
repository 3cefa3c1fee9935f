import Foundation

/// A child process started with posix_spawn and reaped with waitpid — no Foundation.Process,
/// whose exit monitoring can miss a child when many are started concurrently. Output goes to
/// files, so no pipe can fill up and block the child.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    let stdoutURL: URL
    let stderrURL: URL
    private var exitStatus: Int32?

    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let directory = FileManager.default.temporaryDirectory
        let tag = UUID().uuidString
        stdoutURL = directory.appendingPathComponent("sockeye-child-\(tag).out")
        stderrURL = directory.appendingPathComponent("sockeye-child-\(tag).err")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let result = posix_spawnp(&child, executable, &actions, nil, argv, envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .ENOENT) }
        pid = child
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            _ = wait(timeout: 5)
        }
        try? FileManager.default.removeItem(at: stdoutURL)
        try? FileManager.default.removeItem(at: stderrURL)
    }

    var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }
    var isRunning: Bool { exitStatus == nil && poll() == nil }

    func signal(_ number: Int32) { if exitStatus == nil { kill(pid, number) } }

    /// Waits up to `timeout` seconds; returns the exit status (128+signal if killed), or nil.
    func wait(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = poll() { return status }
            if Date() >= deadline { return nil }
            usleep(10_000)
        }
    }

    private func poll() -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        // WIFEXITED/WEXITSTATUS are macros: decode the wait status by hand.
        let signalled = status & 0x7F
        exitStatus = signalled == 0 ? (status >> 8) & 0xFF : 128 + signalled
        return exitStatus
    }
}
