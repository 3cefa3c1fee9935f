import HTTPCore
import SockeyeEvents
import Testing
@testable import SockeyeServer

/// What the state machine decides about order, waits, interim responses, limits and closing,
/// driven by `ConnectionHarness` on a fake clock with no socket.
@Suite struct HTTP1ConnectionFlowTests {
    static let millisecond = ConnectionHarness.millisecond

    /// `/slow` answers after `?ms=`, everything else at once with its target as the body.
    static func slowOrEcho(_ context: RequestContext) -> Response {
        var response = Response.text(200, context.request.target)
        if context.request.path == "/slow", let ms = UInt64(context.request.query.dropFirst(3)) {
            response.delay = ms * millisecond
        }
        return response
    }

    @Test func pipelinedResponsesLeaveInOrderAndTheWaitIsMeasured() {
        var harness = ConnectionHarness(respond: Self.slowOrEcho)
        harness.clock.time = 10 * Self.millisecond
        harness.send("GET /slow?ms=300 HTTP/1.1\r\nHost: x\r\n\r\nGET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.written.isEmpty)
        #expect(harness.wait?.deadline == 310 * Self.millisecond)
        harness.advance(to: 310 * Self.millisecond)
        #expect(harness.responses.map(\.text) == ["/slow?ms=300", "/a", "/b"])
        let records = harness.completed()
        #expect(records.map(\.sequence) == [1, 2, 3])
        #expect(records.map(\.wait) == [0, 300 * Self.millisecond, 300 * Self.millisecond])
        #expect(records.map(\.startedAt) == [10 * Self.millisecond, 310 * Self.millisecond, 310 * Self.millisecond])
    }

    @Test func aRequestWithNothingAheadDoesNotWait() {
        var harness = ConnectionHarness(respond: Self.slowOrEcho)
        harness.send("GET /slow?ms=50 HTTP/1.1\r\nHost: x\r\n\r\n")
        harness.advance(to: 50 * Self.millisecond)
        harness.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.completed().map(\.wait) == [0, 0])
    }

    @Test func handlersRunBeforeAnyWriteSoOneReadIsAnsweredWithOneWrite() {
        var writes = 0
        var harness = ConnectionHarness()
        Array(String(repeating: "GET / HTTP/1.1\r\nHost: x\r\n\r\n", count: 16).utf8).withUnsafeBytes {
            harness.connection.received($0, now: 0)
        }
        loop: while true {
            switch harness.connection.nextAction(now: 0) {
            case .handle(let context): harness.connection.respond(harness.respond(context), to: context, now: 0)
            case .write:
                writes += 1
                let count = harness.connection.withUnsentOutput { $0.count }
                harness.connection.sent(count, now: 0)
            case .wait: break loop
            default: Issue.record("unexpected action"); break loop
            }
        }
        #expect(writes == 1)
    }

    @Test func atTheQueueCapReadingStopsAndResumesAsTheQueueDrains() {
        var harness = ConnectionHarness(respond: Self.slowOrEcho)
        let requests = (1...40).map { "GET /\($0) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined()
        harness.send("GET /slow?ms=100 HTTP/1.1\r\nHost: x\r\n\r\n" + requests)
        #expect(harness.wait?.read == false)
        #expect(harness.connection.liveState == .handling)
        harness.advance(to: 100 * Self.millisecond)
        #expect(harness.responses.count == 41)
        #expect(harness.wait?.read == true)
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() {
        var harness = ConnectionHarness()
        harness.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
        #expect(harness.writtenText == "HTTP/1.1 100 Continue\r\n\r\n")
        harness.send("abc")
        #expect(harness.writtenText.hasPrefix("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"))
    }

    @Test func expectContinueWaitsForEarlierResponses() {
        var harness = ConnectionHarness(respond: Self.slowOrEcho)
        harness.send("GET /slow?ms=100 HTTP/1.1\r\nHost: x\r\n\r\nPOST /p HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
        #expect(harness.written.isEmpty)
        harness.advance(to: 100 * Self.millisecond)
        // The interim response must not overtake the response ahead of it (RFC 9110 §10.1.1).
        #expect(harness.writtenText.hasSuffix("/slow?ms=100HTTP/1.1 100 Continue\r\n\r\n"))
    }

    @Test func anUnsupportedExpectationIs417AndCloses() {
        var harness = ConnectionHarness()
        harness.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nContent-Length: 3\r\n\r\nabc")
        #expect(harness.responses.map(\.status) == [417])
        #expect(harness.closing == .lingering)
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "a", count: 9000) + "\r\n\r\n", 431),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n", 413),
        ("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", 400),
    ])
    func rejectionsAreAnsweredThenLingered(request: String, status: Int) {
        var harness = ConnectionHarness()
        harness.send(request)
        #expect(harness.responses.map(\.status) == [status])
        #expect(harness.closing == .lingering)
        #expect(harness.connection.closeReason == .rejected)
    }

    @Test func aRejectionWaitsItsTurnBehindEarlierResponses() {
        var harness = ConnectionHarness(respond: Self.slowOrEcho)
        harness.send("GET /slow?ms=100 HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost : x\r\n\r\n")
        #expect(harness.written.isEmpty)
        harness.advance(to: 100 * Self.millisecond)
        #expect(harness.responses.map(\.status) == [200, 400])
        #expect(harness.closing == .lingering)
    }

    @Test func aHalfClosedClientStillGetsEveryAnswer() {
        var harness = ConnectionHarness(respond: Self.slowOrEcho)
        harness.send("GET /slow?ms=100 HTTP/1.1\r\nHost: x\r\n\r\nGET /a HTTP/1.1\r\nHost: x\r\n\r\n")
        harness.peerCloses()
        #expect(harness.wait != nil)
        harness.advance(to: 100 * Self.millisecond)
        #expect(harness.responses.map(\.text) == ["/slow?ms=100", "/a"])
        #expect(harness.closing == .now)
        #expect(harness.connection.closeReason == .clientClosed)
    }

    @Test func connectionCloseEndsAfterItsResponseAndIgnoresTheRest() {
        var harness = ConnectionHarness()
        harness.send("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.responses.count == 1)
        #expect(harness.closing == .now)
        #expect(harness.connection.closeReason == .connectionClose)
    }

    @Test func shutdownFinishesTheResponseInProgressThenCloses() {
        var harness = ConnectionHarness(respond: Self.slowOrEcho)
        harness.send("GET /slow?ms=100 HTTP/1.1\r\nHost: x\r\n\r\n")
        harness.connection.beginShutdown(now: 0)
        harness.run()
        #expect(harness.wait?.read == false)
        harness.advance(to: 100 * Self.millisecond)
        #expect(harness.responses.first?.fields.contains { $0.0 == "Connection" && $0.1 == "close" } == true)
        #expect(harness.connection.closeReason == .shutdown)
    }

    @Test func aFileBodyIsSentByTheDriverInRangesAndItsDescriptorClosed() {
        var harness = ConnectionHarness(respond: { _ in
            Response(status: 200, body: .file(FileBody(fd: 42, offset: 10, length: 250)))
        })
        harness.writeLimit = 100
        harness.send("GET /f HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.fileSends.map(\.offset) == [10, 110, 210])
        #expect(harness.fileSends.map(\.count) == [100, 100, 50])
        #expect(harness.closedFiles == [42])
        #expect(harness.writtenText.contains("Content-Length: 250\r\n"))
        #expect(harness.completed().first?.bytesOut == harness.written.count + 250)
    }

    @Test func aFileBodyIsClosedUnsentForHEADAndWhenTheClientGoes() {
        var head = ConnectionHarness(respond: { _ in Response(status: 200, body: .file(FileBody(fd: 7, offset: 0, length: 5))) })
        head.send("HEAD /f HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(head.fileSends.isEmpty)
        #expect(head.closedFiles == [7])

        var gone = ConnectionHarness(respond: { _ in Response(status: 200, body: .file(FileBody(fd: 8, offset: 0, length: 500))) })
        gone.writeLimit = 100
        gone.drainSocket(writes: 2)
        gone.send("GET /f HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(gone.fileSends.count == 1)
        #expect(gone.closedFiles.isEmpty)
        gone.connection.writeFailed()
        gone.run()
        #expect(gone.closing == .now)
        #expect(gone.closedFiles == [8])
    }

    @Test func chunksFollowTheirIntervalOnTheClock() {
        var harness = ConnectionHarness(respond: { _ in
            Response(status: 200, body: .chunks([Array("a".utf8), Array("b".utf8)], interval: 500 * Self.millisecond))
        })
        harness.send("GET /c HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.writtenText.hasSuffix("\r\n\r\n1\r\na\r\n"))
        #expect(harness.wait?.deadline == 500 * Self.millisecond)
        harness.advance(to: 500 * Self.millisecond)
        #expect(harness.writtenText.hasSuffix("1\r\nb\r\n0\r\n\r\n"))
    }
}
