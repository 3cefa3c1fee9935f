import Foundation

/// Python's `hpack` package (PyPI, the one python-hyper's `h2` uses), run as a child process: an
/// independent implementation to check ours against. The interpreter is `$HPACK_PYTHON`, else
/// `python3` on the PATH.
enum PythonHPACK {
    static let interpreter = ProcessInfo.processInfo.environment["HPACK_PYTHON"] ?? "python3"

    static let isAvailable: Bool = (try? run("import hpack", input: "")) != nil

    /// Runs `script` with `input` on its standard input; returns its standard output, or throws if it
    /// fails or outlives `timeout` seconds. Files rather than pipes, so neither side can block the other.
    static func run(_ script: String, input: String, timeout: Double = 60) throws -> String {
        let directory = FileManager.default.temporaryDirectory
        let tag = UUID().uuidString
        let inputURL = directory.appendingPathComponent("hpack-python-\(tag).in")
        let outputURL = directory.appendingPathComponent("hpack-python-\(tag).out")
        let errorURL = directory.appendingPathComponent("hpack-python-\(tag).err")
        defer {
            for url in [inputURL, outputURL, errorURL] { try? FileManager.default.removeItem(at: url) }
        }
        try input.write(to: inputURL, atomically: false, encoding: .utf8)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputURL.path, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let arguments: [String] = [interpreter, "-c", script]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawnp(&child, interpreter, &actions, nil, argv, environ)
        guard spawned == 0 else { throw PythonFailure.notStarted(spawned) }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while waitpid(child, &status, WNOHANG) != child {
            if Date() >= deadline {
                kill(child, SIGKILL)
                waitpid(child, &status, 0)
                throw PythonFailure.timedOut
            }
            usleep(5_000)
        }
        // 0 is a normal exit with status 0 (WIFEXITED and WEXITSTATUS are macros Swift does not import).
        guard status == 0 else {
            throw PythonFailure.exited(status: status, stderr: (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "")
        }
        return try String(contentsOf: outputURL, encoding: .utf8)
    }

    enum PythonFailure: Error {
        case notStarted(Int32)
        case timedOut
        case exited(status: Int32, stderr: String)
    }
}
