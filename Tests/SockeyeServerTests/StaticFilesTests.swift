import Foundation
import SockeyeServer
import Testing

/// A root folder with files, a subfolder, a secret beside it and a symlink pointing out.
final class StaticRoot {
    let base: URL
    let root: URL

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("sockeye-static-\(UUID().uuidString)")
        root = base.appendingPathComponent("root")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try "<h1>index</h1>\n".write(to: root.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "0123456789".write(to: root.appendingPathComponent("digits.txt"), atomically: true, encoding: .utf8)
        try "TOP-SECRET\n".write(to: base.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("escape.txt"),
                                                   withDestinationURL: base.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("etc"), withDestinationURL: URL(fileURLWithPath: "/etc"))
        let big = [UInt8](repeating: UInt8(ascii: "z"), count: 3 * 1024 * 1024 + 17)
        try Data(big).write(to: root.appendingPathComponent("big.bin"))
    }

    deinit { try? FileManager.default.removeItem(at: base) }
}

@Suite("Static files")
struct StaticFilesTests {
    @Test("files, validators, ranges and HEAD", arguments: IOModel.allCases)
    func serving(model: IOModel) throws {
        let files = try StaticRoot()
        let server = try TestServer(model: model) { $0.root = files.root.path }
        defer { server.stop() }
        let page = try Command.curl(["-i", server.url + "/index.html"])
        #expect(page.stdout.contains("<h1>index</h1>"))
        let digits = try Command.curl(["-i", server.url + "/digits.txt"])
        #expect(digits.stdout.contains("Content-Type: text/plain"))
        #expect(digits.stdout.hasSuffix("0123456789"))
        let etag = try #require(digits.stdout.components(separatedBy: "\r\n").first { $0.hasPrefix("ETag: ") }).dropFirst(6)
        let notModified = try Command.curl(["-o", "/dev/null", "-w", "%{http_code}", "-H", "If-None-Match: \(etag)", server.url + "/digits.txt"])
        #expect(notModified.stdout == "304")
        let range = try Command.curl(["-i", "-r", "2-4", server.url + "/digits.txt"])
        #expect(range.stdout.hasPrefix("HTTP/1.1 206"))
        #expect(range.stdout.contains("Content-Range: bytes 2-4/10"))
        #expect(range.stdout.hasSuffix("234"))
        let unsatisfiable = try Command.curl(["-i", "-r", "50-60", server.url + "/digits.txt"])
        #expect(unsatisfiable.stdout.hasPrefix("HTTP/1.1 416"))
        #expect(unsatisfiable.stdout.contains("Content-Range: bytes */10"))
        let head = try Command.curl(["-I", server.url + "/digits.txt"])
        #expect(head.stdout.contains("Content-Length: 10"))
        let big = try Command.curl(["-o", "/dev/null", "-w", "%{size_download} %{http_code}", server.url + "/big.bin"])
        #expect(big.stdout == "\(3 * 1024 * 1024 + 17) 200")
        let directory = try Command.curl(["-o", "/dev/null", "-w", "%{http_code}", server.url + "/docs/"])
        #expect(directory.stdout == "200", "a folder without index.html is listed")
    }

    @Test("traversal attempts never serve a byte from outside the root", arguments: IOModel.allCases)
    func traversal(model: IOModel) throws {
        let files = try StaticRoot()
        let server = try TestServer(model: model) { $0.root = files.root.path }
        defer { server.stop() }
        let targets = [
            "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/%252e%252e/secret.txt", "/..%2fsecret.txt",
            "/docs/../../secret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt", "/digits.txt%00.html", "/escape.txt",
            "/etc/passwd", "/../../../../etc/passwd", "http://x/../secret.txt", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/%",
        ]
        for target in targets {
            let client = try RawClient(port: server.port)
            client.send("GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let (bytes, _) = client.readAll()
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("TOP-SECRET"), "\(target) leaked the secret")
            #expect(!text.contains("root:"), "\(target) leaked /etc/passwd")
            let status = HTTPResponse.parseAll(bytes).first?.status ?? 0
            #expect([400, 403, 404].contains(status), "\(target) → \(status)")
        }
    }
}
