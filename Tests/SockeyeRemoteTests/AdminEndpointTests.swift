@testable import SockeyeRemote
import Testing

@Suite("Admin endpoint addresses and /status answers")
struct AdminEndpointTests {
    @Test("the forms --admin prints and people type", arguments: [
        ("http://127.0.0.1:9090", "127.0.0.1", 9090), ("http://127.0.0.1:9090/", "127.0.0.1", 9090),
        ("127.0.0.1:9090", "127.0.0.1", 9090), ("HTTP://localhost:80", "localhost", 80), ("http://[::1]:9090", "::1", 9090),
    ])
    func parses(text: String, host: String, port: Int) throws {
        let endpoint = try AdminEndpoint(parsing: text)
        #expect(endpoint.host == host && endpoint.port == port)
    }

    @Test("bad addresses are refused with a message that says what is expected", arguments: [
        "https://127.0.0.1:9090", "http://127.0.0.1", "http://127.0.0.1:0", "http://127.0.0.1:99999", "http://:9090",
        "http://127.0.0.1:9090/status", "127.0.0.1", "http://[::1]9090",
    ])
    func refuses(text: String) {
        #expect(throws: AdminEndpoint.ParseError.self) { try AdminEndpoint(parsing: text) }
    }

    @Test("IPv6 endpoints print in brackets")
    func describes() throws {
        #expect(try AdminEndpoint(parsing: "[::1]:9").description == "http://[::1]:9")
    }

    private func body(_ text: String) -> Result<String, StatusFetcher.Failure> {
        Result { () throws(StatusFetcher.Failure) in try StatusFetcher.body(of: Array(text.utf8)) }
            .map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("a 200 answer's body is cut at its Content-Length; without one it runs to the end")
    func bodies() {
        #expect(body("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}xyz") == .success("{}"))
        #expect(body("HTTP/1.1 200 OK\r\ncontent-length:  3 \r\n\r\n[1]") == .success("[1]"))
        #expect(body("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{\"a\":1}") == .success("{\"a\":1}"))
    }

    @Test("failures say what went wrong, in words for the fleet line")
    func failures() {
        #expect(body("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n") == .failure(.init(reason: "401: a token is needed (--admin-token)")))
        #expect(body("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                == .failure(.init(reason: "404: no /status here (is this the --admin address?)")))
        #expect(body("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}") == .failure(.init(reason: "the answer was cut short")))
        #expect(body("") == .failure(.init(reason: "closed without answering")))
        #expect(body("SSH-2.0-OpenSSH\r\n\r\n") == .failure(.init(reason: "not an HTTP/1.1 answer")))
    }

    @Test("back-off: 1 s, doubling to 30 s, back to 1 s after an answer")
    func backoff() {
        var backoff = Backoff()
        let seconds = (0..<7).map { _ in backoff.failed() / 1_000_000_000 }
        #expect(seconds == [1, 2, 4, 8, 16, 30, 30])
        backoff.succeeded()
        #expect(backoff.failed() == 1_000_000_000)
    }

    @Test("a bad status body is reported, not a crash")
    func badJSON() {
        #expect(throws: StatusFetcher.Failure(reason: "/status is not Sockeye's status JSON")) {
            try StatusReport.decode(Array("{\"address\": 1}".utf8))
        }
    }
}
