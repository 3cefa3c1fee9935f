import Foundation
import Testing

/// The real `sockeye` executable started as a child process on port 0, its stdout captured to a
/// file. Stopped with SIGTERM by PID (and SIGKILL if it overstays).
final class SockeyeProcess {
    let child: ChildProcess
    /// The address the first stdout line announces, such as `http://127.0.0.1:40123`.
    private(set) var url = ""
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
        child = try ChildProcess(Self.binary.path, ["--port", "0"] + arguments, environment: environment)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let url = Self.listeningURL(output), let port = URLComponents(string: url)?.port {
                self.url = url
                self.port = port
                return
            }
            guard child.isRunning else { break }
            usleep(20_000)
        }
        stop()
        throw POSIXError(.ETIMEDOUT)
    }

    var output: String { child.stdout }
    var lines: [String] { output.split(separator: "\n").map(String.init) }

    /// The URL in the first line once it is complete: `listening on URL`, or the `url` of the JSON
    /// log's `{"type":"listening",…}` object.
    static func listeningURL(_ output: String) -> String? {
        guard let end = output.firstIndex(of: "\n") else { return nil }
        let line = output[..<end]
        if line.hasPrefix("listening on ") { return String(line.dropFirst("listening on ".count)) }
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        return object?["type"] as? String == "listening" ? object?["url"] as? String : nil
    }

    /// SIGTERM and wait; returns the exit status (SIGKILL after 10 s).
    @discardableResult
    func stop() -> Int32 {
        child.signal(SIGTERM)
        if let status = child.wait(timeout: 10) { return status }
        child.signal(SIGKILL)
        return child.wait(timeout: 5) ?? -1
    }
}
