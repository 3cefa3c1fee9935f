import Foundation
import SockeyeServer
import Testing

/// The seed's curl lines, run with real curl against a real server, on both I/O models.
@Suite("Seed routes with curl")
struct SeedRoutesTests {
    @Test("GET / says Hello World", arguments: IOModel.allCases)
    func hello(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let result = try Command.curl(["-i", server.url + "/"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("HTTP/1.1 200 OK"))
        #expect(result.stdout.contains("Content-Type: text/html"))
        #expect(result.stdout.contains("Hello World!"))
        #expect(result.stdout.contains("Date: "))
    }

    @Test("two URLs reuse one connection; /info shows request #2 on it", arguments: IOModel.allCases)
    func keepAliveReuse(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let result = try Command.curl(["-v", server.url + "/", server.url + "/info"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("Re-using existing connection"))
        let json = try #require(result.stdout.split(separator: "\n").last { $0.hasPrefix("{") })
        let info = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(info["request"] as? Int == 2)
        #expect(info["connection"] as? Int == 1)
        #expect(info["model"] as? String == model.rawValue)
        #expect(server.eventually { server.completed.count == 2 })
        #expect(Set(server.completed.map(\.connection)).count == 1)
    }

    @Test("POST /echo returns the body", arguments: IOModel.allCases)
    func echo(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let result = try Command.curl(["-X", "POST", "-d", "Hello!", server.url + "/echo"])
        #expect(result.stdout == "Hello!")
        let typed = try Command.curl(["-i", "-X", "POST", "-H", "Content-Type: text/x-sockeye", "-d", "x", server.url + "/echo"])
        #expect(typed.stdout.contains("Content-Type: text/x-sockeye"))
    }

    @Test("POST /json greets Alice; invalid JSON is 400", arguments: IOModel.allCases)
    func json(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let result = try Command.curl(["-X", "POST", "-H", "Content-Type: application/json", "-d", #"{"name": "Alice"}"#,
                                       server.url + "/json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "Hello, Alice!")
        let bad = try Command.curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-d", "{nope", server.url + "/json"])
        #expect(bad.stdout == "400")
    }

    @Test("GET /slow answers after its delay", arguments: IOModel.allCases)
    func slow(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let started = Date()
        let result = try Command.curl([server.url + "/slow?ms=400"])
        #expect(result.stdout.contains("400 ms"))
        #expect(Date().timeIntervalSince(started) >= 0.4)
        let bad = try Command.curl(["-o", "/dev/null", "-w", "%{http_code}", server.url + "/slow?ms=-5"])
        #expect(bad.stdout == "400")
    }

    @Test("GET /chunked streams chunks spaced in time", arguments: IOModel.allCases)
    func chunked(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n")
        var arrivals: [Date] = []
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while HTTPResponse.parseAll(data).isEmpty {
            let count = read(client.fd, &buffer, buffer.count)
            guard count > 0 else { break }
            data += buffer[0..<count]
            arrivals.append(Date())
        }
        let response = try #require(HTTPResponse.parseAll(data).first)
        #expect(response.field("Transfer-Encoding") == "chunked")
        #expect(response.text.components(separatedBy: "\n").filter { $0.hasPrefix("chunk") }.count == 5)
        #expect(arrivals.count >= 3, "chunks should arrive in separate reads")
        #expect(arrivals.last!.timeIntervalSince(arrivals.first!) >= 0.35, "5 chunks 100 ms apart")
        let curl = try Command.curl(["-N", server.url + "/chunked"])
        #expect(curl.stdout.hasPrefix("chunk 1 of 5\n"))
    }

    @Test("HEAD works wherever GET does; wrong method is 405 with Allow; unknown method is 501", arguments: IOModel.allCases)
    func methods(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let head = try Command.curl(["-I", server.url + "/info"])
        #expect(head.stdout.hasPrefix("HTTP/1.1 200"))
        #expect(head.stdout.contains("Content-Length: "))
        let wrong = try Command.curl(["-i", "-X", "DELETE", server.url + "/echo"])
        #expect(wrong.stdout.hasPrefix("HTTP/1.1 405"))
        #expect(wrong.stdout.contains("Allow: POST"))
        let unknown = try Command.curl(["-i", "-X", "BREW", server.url + "/"])
        #expect(unknown.stdout.hasPrefix("HTTP/1.1 501"))
        let missing = try Command.curl(["-o", "/dev/null", "-w", "%{http_code}", server.url + "/nope"])
        #expect(missing.stdout == "404")
    }

    @Test("Allow lists each method once: OPTIONS *, OPTIONS on a path, and a 405", arguments: IOModel.allCases)
    func allowLists(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        let requests = ["OPTIONS *", "OPTIONS /", "OPTIONS /echo", "DELETE /echo", "PUT /info"]
        client.send(requests.map { "\($0) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined())
        let responses = client.readResponses(requests.count)
        try #require(responses.count == requests.count)
        #expect(responses.map(\.status) == [204, 204, 204, 405, 405])
        let allows = responses.map { ($0.field("Allow") ?? "").components(separatedBy: ", ") }
        #expect(allows == [["GET", "HEAD", "POST", "OPTIONS"], ["GET", "HEAD", "OPTIONS"], ["POST", "OPTIONS"],
                           ["POST", "OPTIONS"], ["GET", "HEAD", "OPTIONS"]])
        for (request, allow) in zip(requests, allows) {
            #expect(Set(allow).count == allow.count, "\(request): Allow \(allow) repeats a method")
        }
    }
}
