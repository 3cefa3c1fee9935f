import Foundation

/// Runs a real client (curl, python3) with a time limit and captures its output.
struct Command {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], input: String? = nil, timeout: Double = 20) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try? inPipe.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        // Drain the pipes while waiting so a chatty child cannot block on a full pipe.
        let stdoutData = DataBox(), stderrData = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { stdoutData.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { stderrData.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        _ = group.wait(timeout: .now() + 5)
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData.data, as: UTF8.self),
                      stderr: String(decoding: stderrData.data, as: UTF8.self))
    }

    static func curl(_ arguments: [String]) throws -> Result {
        try run("curl", ["--silent", "--show-error", "--max-time", "15"] + arguments)
    }

    static func python(_ script: String, _ arguments: [String] = []) throws -> Result {
        try run("python3", ["-c", script] + arguments)
    }
}

/// Filled by one reader thread, read after the group has waited for it.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
