import Foundation
import SockeyeServer
import Testing

/// The soak script's short mode: 200 concurrent keep-alive connections echoing random bodies
/// (Content-Length and chunked, up to 1 MB, partly pipelined), every byte checked.
@Suite("Soak")
struct SoakTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/soak.py").path

    @Test("nothing lost: zero mismatches, zero unexpected closes", arguments: IOModel.allCases)
    func soak(model: IOModel) throws {
        ProcessStats.raiseOpenFileLimit()
        let server = try TestServer(model: model, workers: 2)
        defer { server.stop() }
        let result = try Command.run("python3", [Self.script, "--port", String(server.port), "--connections", "200",
                                                 "--requests", "6", "--seed", "7", "--timeout", "100"], timeout: 120)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1200/1200 requests"))
        #expect(result.stdout.contains(" 0 mismatches, 0 unexpected closes"))
    }
}
