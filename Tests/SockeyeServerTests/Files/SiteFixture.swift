import Foundation
@testable import SockeyeServer

/// A small site in a temporary folder: an index, a stylesheet worth compressing, a script with
/// precompressed siblings, folders with and without an index, awkward names, dotfiles, a file
/// named like a built-in route and a symlink out of the root.
final class SiteFixture {
    let base: URL
    let root: URL
    let stylesheet: [UInt8]
    static let digits = Array(String(repeating: "0123456789", count: 10).utf8)

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("sockeye-site-\(UUID().uuidString)")
        root = base.appendingPathComponent("site")
        let files = FileManager.default
        for folder in ["docs", "assets", "plain", ".git"] {
            try files.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        stylesheet = Array((0..<800).map { "body .rule-\($0) { color: #\($0 % 10)\($0 % 7)\($0 % 3); }\n" }.joined().utf8)
        try write("<!doctype html><title>site</title><link rel=stylesheet href=assets/style.css><script src=assets/app.js></script>",
                  "index.html")
        try write(stylesheet, "assets/style.css")
        try write("console.log('identity')\n", "assets/app.js")
        try write("GZ-SIBLING", "assets/app.js.gz")
        try write("BR-SIBLING", "assets/app.js.br")
        try write("<h1>docs</h1>", "docs/index.html")
        try write(Self.digits, "plain/digits.txt")
        try write("weird", "plain/we<ird>&\"name.txt")
        try write("newline", "plain/new\nline.txt")
        try write("secret", "plain/.env")
        try write("[core]", ".git/config")
        try write("a file named like the /info route", "info")
        try write("outside", "../outside.txt")
        try files.createSymbolicLink(at: root.appendingPathComponent("plain/out.txt"), withDestinationURL: base.appendingPathComponent("outside.txt"))
        try files.createDirectory(at: root.appendingPathComponent("plain/sub"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: base) }

    private func write(_ text: String, _ path: String) throws { try write(Array(text.utf8), path) }
    private func write(_ bytes: [UInt8], _ path: String) throws { try Data(bytes).write(to: root.appendingPathComponent(path)) }

    /// Sets a file's modification time (seconds since 1970).
    func touch(_ path: String, modified: Int) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: Double(modified))],
                                              ofItemAtPath: root.appendingPathComponent(path).path)
    }
}

/// One request on its own connection, the response read whole (bodies compared byte for byte).
func exchange(_ server: TestServer, _ target: String, method: String = "GET", headers: [String] = [], body: String = "") throws -> HTTPResponse {
    let client = try RawClient(port: server.port)
    client.send("\(method) \(target) HTTP/1.1\r\nHost: x\r\n" + headers.map { $0 + "\r\n" }.joined() + "Connection: close\r\n\r\n" + body)
    let response = HTTPResponse.parseAll(client.readAll().bytes, bodyExpected: method != "HEAD").first
    return response ?? HTTPResponse(status: 0, fields: [], body: [])
}
