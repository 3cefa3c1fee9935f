import Foundation
import Testing

/// Large file bodies never pass through the process: the real executable, traced with strace,
/// answers a 3 MB file with sendfile(2) — in one call over HTTP/1.1, and between DATA frame
/// headers over HTTP/2 — and never reads it with pread.
@Suite("Files sent with sendfile", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"),
                                            "strace is not installed (Debian package strace)"))
struct SendfileTests {
    @Test("a 3 MB file goes out by sendfile(2) over HTTP/1.1 and HTTP/2, and is never read into the process")
    func sendfileInUse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sendfile-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let size = 3_000_000
        try Data(repeating: 0x61, count: size).write(to: folder.appendingPathComponent("big.bin"))
        let server = try SockeyeProcess([folder.path, "--ui", "none"])
        defer { server.stop() }
        // Every thread of the server, so the event loop's is among them.
        let threads = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(server.child.pid)/task")
        let trace = folder.appendingPathComponent("trace").path
        let strace = try ChildProcess("/usr/bin/strace", ["-qq", "-e", "trace=sendfile,pread64", "-o", trace]
                                          + threads.flatMap { ["-p", $0] })
        defer { strace.signal(SIGKILL) }
        let attachBy = Date().addingTimeInterval(5)
        while (try? String(contentsOfFile: "/proc/\(server.child.pid)/status", encoding: .utf8))?
            .contains("TracerPid:\t0") == true && Date() < attachBy {
            usleep(20_000)
        }
        let url = "http://127.0.0.1:\(server.port)/big.bin"
        let http1 = try Command.curl(["-o", "/dev/null", "-w", "%{size_download}", url])
        let http2 = try Command.curl(["--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{size_download}", url])
        #expect(http1.stdout == String(size) && http2.stdout == String(size))
        strace.signal(SIGINT)
        _ = strace.wait(timeout: 5)
        let lines = ((try? String(contentsOfFile: trace, encoding: .utf8)) ?? "").split(separator: "\n")
        let sent = lines.filter { $0.contains("sendfile(") }.compactMap { Int($0.split(separator: "=").last?
            .trimmingCharacters(in: .whitespaces) ?? "") }
        #expect(sent.reduce(0, +) == 2 * size, "sendfile carried both bodies: \(lines.prefix(5))")
        #expect(sent.contains(size), "HTTP/1.1: the whole body in one sendfile call")
        #expect(!lines.contains { $0.contains("pread64(") }, "the file is never read into the process")
    }
}
