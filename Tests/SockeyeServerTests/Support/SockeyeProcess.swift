import Foundation
import Testing

/// The real `sockeye` executable started as a child process on port 0, its stdout captured to a
/// file. Stopped with SIGTERM by PID (and SIGKILL if it overstays).
final class SockeyeProcess {
    let process = Process()
    let outputURL: URL
    private(set) var port = 0

    /// The built executable next to the test bundle (swift build puts products side by side).
    static var binary: URL {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundleDirectory, bundleDirectory.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("sockeye") }
        let packageBuild = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/sockeye")
        return (candidates + [packageBuild]).first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? packageBuild
    }

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("sockeye-out-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        process.executableURL = Self.binary
        process.arguments = ["--port", "0"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = FileHandle.standardError
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let line = output.split(separator: "\n").first, line.hasPrefix("listening on http://127.0.0.1:"),
               let port = Int(line.split(separator: ":").last ?? "") {
                self.port = port
                return
            }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        stop()
        throw POSIXError(.ETIMEDOUT)
    }

    var output: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }
    var lines: [String] { output.split(separator: "\n").map(String.init) }
    var url: String { "http://127.0.0.1:\(port)" }

    /// SIGTERM and wait; returns the exit status (SIGKILL after 10 s).
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: outputURL)
    }
}
