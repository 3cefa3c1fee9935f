import HTTPCore
import Testing
@testable import SockeyeServer

/// The response cache must be invisible: whatever changed since the last response, the
/// connection writes exactly what a fresh serializer writes.
@Suite struct FramedResponseCacheTests {
    @Test("a cached response is exactly the response written afresh, whatever changed since the last one")
    func cachedHeadsEqualFreshOnes() {
        let shared = Response.text(200, "hello\n")
        let equalButDistinct = Response.text(200, "hello\n")
        let notFound = Response.text(404, "hello\n")
        var harness = ConnectionHarness(respond: { context in
            switch context.request.path {
            case "/other": equalButDistinct
            case "/missing": notFound
            default: shared
            }
        })
        // Each step differs from the one before in one thing; repeated steps hit the cache.
        let steps: [(request: String, second: Int)] = [
            ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 0),
            ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 0),
            ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 1),
            ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 1),
            ("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n", 1),
            ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", 1),
            ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 1),
            ("GET /other HTTP/1.1\r\nHost: x\r\n\r\n", 1),
            ("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n", 1),
            ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 1),
            ("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 1),
        ]
        let serializer = ResponseSerializer()
        for (request, second) in steps {
            harness.dates.refresh(unixSeconds: second)
            let before = harness.written.count
            harness.send(request)
            let head = try! RequestHead(parsing: request)
            let response = head.path == "/other" ? equalButDistinct : head.path == "/missing" ? notFound : shared
            guard case .bytes(let body) = response.body else { Issue.record("a bytes body"); return }
            var fresh: [UInt8] = []
            serializer.writeResponse(response.head, body: body, requestMethod: head.methodCode, version: head.version,
                                     keepAlive: head.keepAlive, date: harness.dates.current, into: &fresh)
            #expect(Array(harness.written[before...]) == fresh, "\(request.debugDescription) in second \(second)")
        }
        #expect(harness.closing == .now)
    }
}
