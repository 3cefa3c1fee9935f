import Foundation
import SockeyeEvents
import SockeyeServer
import Testing

@Suite("Keep-alive and pipelining over raw sockets")
struct PipeliningTests {
    @Test("three pipelined requests in one write get three ordered responses", arguments: IOModel.allCases)
    func threeInOrder(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /info HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nfirstGET /info HTTP/1.1\r\nHost: x\r\n\r\n")
        let responses = client.readResponses(3)
        #expect(responses.map(\.status) == [200, 200, 200])
        guard responses.count == 3 else { return }
        #expect(responses[0].text.contains("\"request\":1"))
        #expect(responses[1].text == "first")
        #expect(responses[2].text.contains("\"request\":3"))
    }

    @Test("a fast request pipelined behind /slow waits, and the server measures that wait", arguments: IOModel.allCases)
    func headOfLineWait(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        let sent = Date()
        client.send("GET /slow?ms=400 HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
        let responses = client.readResponses(2)
        let elapsed = Date().timeIntervalSince(sent)
        #expect(responses.map(\.status) == [200, 200])
        #expect(responses.first?.text.contains("Slow") == true)
        #expect(elapsed >= 0.4)
        #expect(server.eventually { server.completed.count == 2 })
        let fast = try #require(server.completed.first { $0.target == "/" })
        #expect(fast.wait >= 400_000_000, "wait was \(fast.wait) ns")
        #expect(fast.blockedBy == "/slow?ms=400")
        let slow = try #require(server.completed.first { $0.target.hasPrefix("/slow") })
        #expect(slow.wait == 0)
    }

    @Test("/slow on one connection does not delay another connection", arguments: IOModel.allCases)
    func loopNotBlocked(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let slowClient = try RawClient(port: server.port)
        slowClient.send("GET /slow?ms=1500 HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(50_000)
        let started = Date()
        let fast = try Command.curl(["-o", "/dev/null", "-w", "%{http_code}", server.url + "/"])
        #expect(fast.stdout == "200")
        #expect(Date().timeIntervalSince(started) < 1.0)
        #expect(slowClient.readResponses(1).first?.status == 200)
    }

    @Test("HTTP/1.0 closes by default and stays open with keep-alive (RFC 9112 §9.3)", arguments: IOModel.allCases)
    func http10(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let closing = try RawClient(port: server.port)
        closing.send("GET / HTTP/1.0\r\n\r\n")
        let (bytes, closed) = closing.readAll()
        #expect(closed)
        #expect(HTTPResponse.parseAll(bytes).first?.status == 200)

        let keeping = try RawClient(port: server.port)
        keeping.send("GET /info HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        let first = keeping.readResponses(1)
        #expect(first.first?.field("Connection") == "keep-alive")
        keeping.send("GET /info HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(keeping.readResponses(1).first?.text.contains("\"request\":2") == true)
    }

    @Test("Connection: close ends the connection after the response", arguments: IOModel.allCases)
    func connectionClose(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /never HTTP/1.1\r\nHost: x\r\n\r\n")
        let (bytes, closed) = client.readAll()
        #expect(closed)
        let responses = HTTPResponse.parseAll(bytes)
        #expect(responses.count == 1)
        #expect(responses.first?.field("Connection") == "close")
        #expect(server.eventually { server.closeReasons.contains(.connectionClose) })
    }

    @Test("Expect: 100-continue gets 100 before the body; other expectations get 417", arguments: IOModel.allCases)
    func expectContinue(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        let interim = client.readResponses(1)
        #expect(interim.first?.status == 100)
        client.send("ping")
        #expect(client.readResponses(1).first?.text == "ping")

        let python = try Command.python("""
            import http.client, sys
            c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=5)
            c.request("POST", "/echo", body=b"teapot", headers={"Expect": "teapot"})
            r = c.getresponse()
            print(r.status)
            """, [String(server.port)])
        #expect(python.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "417")
    }

    @Test("half-closed client still gets its answers", arguments: IOModel.allCases)
    func halfClose(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /info HTTP/1.1\r\nHost: x\r\n\r\n")
        client.shutdownWrite()
        let (bytes, closed) = client.readAll()
        #expect(closed)
        #expect(HTTPResponse.parseAll(bytes).count == 2)
    }

    @Test("requests queued behind /slow show in the live table while they wait, then leave it", arguments: IOModel.allCases)
    func liveQueue(model: IOModel) throws {
        let table = ConnectionTable()
        table.enable()
        let server = try TestServer(model: model, table: table)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /slow?ms=800 HTTP/1.1\r\nHost: x\r\n\r\nGET /info HTTP/1.1\r\nHost: x\r\n\r\nGET /?b HTTP/1.1\r\nHost: x\r\n\r\n")
        var seen: [QueuedRequest] = []
        #expect(server.eventually(0.6) {
            seen = table.snapshot().first?.queued ?? []
            return seen.count == 2
        }, "both requests behind /slow are listed while /slow runs")
        #expect(seen.map(\.label) == ["/info", "/?b"])
        #expect(seen.map(\.sequence) == [2, 3])
        #expect(table.snapshot().first?.current == "/slow?ms=800")
        #expect(client.readResponses(3).count == 3)
        #expect(server.eventually { table.snapshot().allSatisfy { $0.queued.isEmpty } }, "answered, they leave the queue")
    }

    @Test("while a view shows the table, the store keeps each request's head as received and its response head as sent",
          arguments: IOModel.allCases)
    func exchangeHeadsKept(model: IOModel) throws {
        let table = ConnectionTable()
        table.enable()
        let server = try TestServer(model: model, table: table)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /info HTTP/1.1\r\nHost: x\r\nX-Note:  padded \r\n\r\n")
        #expect(client.readResponses(1).map(\.status) == [200])
        #expect(server.eventually { table.recentExchanges.snapshot().first?.responseHead.isEmpty == false })
        let heads = try #require(table.recentExchanges.snapshot().first)
        #expect(heads.sequence == 1)
        #expect(String(decoding: heads.requestHead, as: UTF8.self) == "GET /info HTTP/1.1\r\nHost: x\r\nX-Note:  padded \r\n\r\n",
                "byte for byte, whitespace kept")
        let response = String(decoding: heads.responseHead, as: UTF8.self)
        #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n") && response.hasSuffix("\r\n\r\n"), "\(response)")
        #expect(!response.dropLast(4).contains("\r\n\r\n"), "the head only, no body: \(response)")
    }

    @Test("a server no view watches keeps no heads", arguments: IOModel.allCases)
    func exchangeHeadsNotKeptHeadless(model: IOModel) throws {
        let table = ConnectionTable()
        let server = try TestServer(model: model, table: table)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /info HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(client.readResponses(1).map(\.status) == [200])
        #expect(table.recentExchanges.snapshot().isEmpty)
    }
}
