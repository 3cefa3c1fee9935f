import HTTPCore
import SockeyeEvents
import Testing
@testable import SockeyeServer

/// Timeouts as the state machine decides them, on a fake clock (header 1 s, body 2 s, idle 3 s,
/// send 4 s in the harness).
@Suite struct HTTP1ConnectionTimeoutTests {
    static let second: UInt64 = 1_000_000_000

    @Test func headerTimeoutAnswers408AndLingers() {
        var harness = ConnectionHarness()
        harness.advance(to: 100 * ConnectionHarness.millisecond)
        harness.send("GET / HTTP/1.1\r\nHost: x\r\n")
        #expect(harness.wait?.deadline == 100 * ConnectionHarness.millisecond + Self.second)
        harness.advance(to: 100 * ConnectionHarness.millisecond + Self.second - 1)
        #expect(harness.written.isEmpty)
        harness.advance(to: 100 * ConnectionHarness.millisecond + Self.second)
        #expect(harness.responses.map(\.status) == [408])
        #expect(harness.closing == .lingering)
        #expect(harness.connection.closeReason == .rejected)
    }

    @Test func bytesTricklingInDoNotPutOffTheHeaderTimeout() {
        var harness = ConnectionHarness()
        harness.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        for step in 1...9 {
            harness.advance(to: UInt64(step) * Self.second / 10)
            harness.send("a")
            #expect(harness.wait?.deadline == Self.second)
        }
        harness.advance(to: Self.second)
        #expect(harness.responses.map(\.status) == [408])
    }

    @Test func headerClockStartsAtTheFirstByteOfEachRequest() {
        var harness = ConnectionHarness()
        harness.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        harness.advance(to: 2 * Self.second + Self.second / 2)
        harness.send("GET / HT")
        #expect(harness.wait?.deadline == 3 * Self.second + Self.second / 2)
    }

    @Test func bodyTimeoutAnswers408() {
        var harness = ConnectionHarness()
        harness.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        // The header timeout no longer applies once the head is in: the body timeout does.
        #expect(harness.wait?.deadline == 2 * Self.second)
        harness.advance(to: 2 * Self.second)
        #expect(harness.responses.map(\.status) == [408])
        #expect(harness.closing == .lingering)
    }

    @Test func idleTimeoutClosesQuietlyAfterTheLastResponse() {
        var harness = ConnectionHarness()
        harness.advance(to: Self.second)
        harness.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.responses.map(\.status) == [200])
        #expect(harness.wait == ConnectionWait(read: true, write: false, deadline: 4 * Self.second))
        harness.advance(to: 4 * Self.second)
        #expect(harness.closing == .now)
        #expect(harness.connection.closeReason == .idleTimeout)
        #expect(harness.responses.count == 1)
    }

    @Test func sendTimeoutCountsFromTheFirstWriteThatMadeNoProgress() {
        var harness = ConnectionHarness()
        harness.socketIsFull = true
        harness.clock.time = Self.second / 2
        harness.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.wait?.write == true)
        #expect(harness.wait?.deadline == Self.second / 2 + 4 * Self.second)
        harness.advance(to: Self.second / 2 + 4 * Self.second)
        #expect(harness.closing == .now)
        #expect(harness.connection.closeReason == .sendTimeout)
        #expect(harness.written.isEmpty)
    }

    @Test func progressRestartsTheSendClock() {
        var harness = ConnectionHarness(respond: { _ in Response(status: 200, body: .bytes(Array(repeating: 65, count: 1000))) })
        harness.writeLimit = 100
        harness.socketIsFull = true
        harness.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        harness.advance(to: 3 * Self.second)
        harness.drainSocket(writes: 1)
        #expect(harness.written.count == 100)
        #expect(harness.wait?.deadline == 7 * Self.second)
        harness.advance(to: 5 * Self.second)
        #expect(harness.connection.closeReason == nil)
        harness.advance(to: 7 * Self.second)
        #expect(harness.connection.closeReason == .sendTimeout)
    }
}
