import Foundation

/// Runs a real client (curl, python3, tmux) with a time limit and captures its output.
struct Command {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], timeout: Double = 20) throws -> Result {
        let child = try ChildProcess(executable, arguments)
        var status = child.wait(timeout: timeout)
        if status == nil {
            child.signal(SIGKILL)
            status = child.wait(timeout: 5)
        }
        return Result(status: status ?? -1, stdout: child.stdout, stderr: child.stderr)
    }

    static func curl(_ arguments: [String]) throws -> Result {
        try run("curl", ["--silent", "--show-error", "--max-time", "15"] + arguments)
    }

    static func python(_ script: String, _ arguments: [String] = []) throws -> Result {
        try run("python3", ["-c", script] + arguments)
    }
}
