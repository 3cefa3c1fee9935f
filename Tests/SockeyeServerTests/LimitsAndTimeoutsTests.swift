import Foundation
import SockeyeEvents
import SockeyeServer
import Testing

@Suite("Limits and timeouts over the wire")
struct LimitsAndTimeoutsTests {
    @Test("over-long request line is 414, huge header section 431, huge body claim 413, all closed", arguments: IOModel.allCases)
    func limits(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let cases: [(String, Int)] = [
            ("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414),
            ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 9000) + "\r\n\r\n", 431),
            ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n\r\n", 413),
            ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
        ]
        for (request, status) in cases {
            let client = try RawClient(port: server.port)
            client.send(request)
            let (bytes, closed) = client.readAll()
            #expect(HTTPResponse.parseAll(bytes).first?.status == status)
            #expect(HTTPResponse.parseAll(bytes).first?.field("Connection") == "close")
            #expect(closed, "connection should close after \(status)")
        }
        #expect(server.eventually { server.rejections.map(\.status).sorted() == [400, 413, 414, 431, 505] })
    }

    @Test("a slowloris head gets 408 after the header timeout", arguments: IOModel.allCases)
    func headerTimeout(model: IOModel) throws {
        let server = try TestServer(model: model) { $0.headerTimeout = 0.5 }
        defer { server.stop() }
        // When the 408 comes is the state machine's decision, tested on a fake clock
        // (HTTP1ConnectionTimeoutTests); here, that it reaches a real client and the socket closes.
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        client.send("a")
        let (bytes, closed) = client.readAll()
        #expect(HTTPResponse.parseAll(bytes).first?.status == 408)
        #expect(closed)
        #expect(server.eventually { server.rejections.contains { $0.status == 408 && $0.reason == "header timeout" } })
    }

    @Test("a stalled body gets 408 after the body timeout", arguments: IOModel.allCases)
    func bodyTimeout(model: IOModel) throws {
        let server = try TestServer(model: model) { $0.bodyTimeout = 0.5 }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")
        let (bytes, closed) = client.readAll()
        #expect(HTTPResponse.parseAll(bytes).first?.status == 408)
        #expect(closed)
    }

    @Test("an idle keep-alive connection is closed quietly after the idle timeout", arguments: IOModel.allCases)
    func idleTimeout(model: IOModel) throws {
        let server = try TestServer(model: model) { $0.idleTimeout = 0.4 }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(client.readResponses(1).first?.status == 200)
        let (bytes, closed) = client.readAll()
        #expect(closed)
        #expect(bytes.isEmpty)
        #expect(server.eventually { server.closeReasons.contains(.idleTimeout) })
    }

    @Test("connections over --max-connections get 503; the others keep working", arguments: IOModel.allCases)
    func connectionLimit(model: IOModel) throws {
        let server = try TestServer(model: model) { $0.maxConnections = 2 }
        defer { server.stop() }
        let first = try RawClient(port: server.port)
        let second = try RawClient(port: server.port)
        first.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        second.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(first.readResponses(1).first?.status == 200)
        #expect(second.readResponses(1).first?.status == 200)
        let third = try RawClient(port: server.port)
        let (bytes, closed) = third.readAll()
        #expect(HTTPResponse.parseAll(bytes).first?.status == 503)
        #expect(closed)
        first.send("GET /info HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(first.readResponses(1).first?.text.contains("\"request\":2") == true)
        #expect(server.counters.connectionsRefused.load(ordering: .relaxed) == 1)
    }

    @Test("graceful shutdown finishes an in-flight /slow and closes idle connections", arguments: IOModel.allCases)
    func gracefulShutdown(model: IOModel) throws {
        let server = try TestServer(model: model)
        let idle = try RawClient(port: server.port)
        idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(idle.readResponses(1).first?.status == 200)
        let busy = try RawClient(port: server.port)
        busy.send("GET /slow?ms=500 HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(100_000)
        server.stop()
        let (bytes, closed) = busy.readAll()
        let response = HTTPResponse.parseAll(bytes).first
        #expect(response?.status == 200)
        #expect(response?.field("Connection") == "close")
        #expect(closed)
        #expect(idle.waitForClose())
        #expect(server.server.openConnections == 0)
    }
}
