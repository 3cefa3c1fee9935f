import Testing
import HTTPCore
import SockeyeEvents
@testable import SockeyeServer

/// Time as the test says it is.
final class FakeClock: ConnectionClock {
    var time: UInt64 = 0
    func now() -> UInt64 { time }
}

/// Drives one `HTTP1Connection` the way a driver does, with no socket: output goes into `written`
/// (or nowhere while `socketIsFull`), handlers are `respond`, and time moves only by `advance`.
struct ConnectionHarness {
    static let millisecond: UInt64 = 1_000_000

    let clock = FakeClock()
    /// The `Date` the connection writes; `refresh` it to move the wall clock's second.
    let dates = DateCache(unixSeconds: 0)
    let bus = EventBus(sampledBacklog: .max)
    let batch: EventBatch
    var connection: HTTP1Connection<FakeClock>
    var respond: (RequestContext) -> Response
    /// Every byte the connection has had written so far.
    var written: [UInt8] = []
    /// `.sendFile` actions carried out: descriptor, offset, count sent.
    var fileSends: [(fd: Int32, offset: Int, count: Int)] = []
    var closedFiles: [Int32] = []
    /// While set, writes make no progress (a client that stopped reading).
    var socketIsFull = false
    /// Writes that go through before the socket is full again.
    private var writesBeforeFull = Int.max
    /// At most this many bytes go out per write.
    var writeLimit = Int.max
    /// How the last turn ended.
    private(set) var settled: Settled?

    init(configure: (inout ServerConfig) -> Void = { _ in },
         respond: @escaping (RequestContext) -> Response = { _ in .text(200, "ok\n") }) {
        var config = ServerConfig()
        config.headerTimeout = 1
        config.bodyTimeout = 2
        config.idleTimeout = 3
        config.sendTimeout = 4
        configure(&config)
        bus.attachConsumer()
        batch = EventBatch(bus: bus, ring: 0)
        let publisher = EventPublisher(bus: bus, counters: ServerCounters(), table: ConnectionTable(), batch: batch)
        connection = HTTP1Connection(
            info: ConnectionInfo(id: 1, peer: "127.0.0.1:1", model: .eventloop), settings: ConnectionSettings(config),
            publisher: publisher, dates: dates, clock: clock, now: 0)
        self.respond = respond
    }

    var now: UInt64 { clock.time }

    /// What the connection waits for after its last turn (nil once it closed).
    var wait: ConnectionWait? {
        if case .wait(let wait)? = settled { return wait }
        return nil
    }

    var closing: ClosingMode? {
        if case .close(let mode)? = settled { return mode }
        return nil
    }

    var responses: [HTTPResponse] { HTTPResponse.parseAll(written) }

    var writtenText: String { String(decoding: written, as: UTF8.self) }

    mutating func send(_ text: String) {
        Array(text.utf8).withUnsafeBytes { connection.received($0, now: now) }
        run()
    }

    mutating func peerCloses() {
        connection.peerClosed(now: now)
        run()
    }

    /// Moves time on to `time` and fires the timer if it is due, as a driver's timer does.
    mutating func advance(to time: UInt64) {
        clock.time = time
        if let deadline = connection.deadline, deadline <= time { connection.timerFired(now: time) }
        run()
    }

    /// The client reads again: the socket is writable, for `writes` writes.
    mutating func drainSocket(writes: Int = .max) {
        socketIsFull = false
        writesBeforeFull = writes
        connection.writable()
        run()
    }

    /// Carries out actions until the connection waits or closes.
    mutating func run() {
        for _ in 0..<10_000 {
            switch connection.nextAction(now: now) {
            case .write:
                guard takeWrite() else {
                    connection.writeBlocked()
                    continue
                }
                let bytes = connection.withUnsentOutput { Array($0.prefix(writeLimit)) }
                written += bytes
                connection.sent(bytes.count, now: now)
            case .sendFile(let fd, let offset, let count):
                guard takeWrite() else {
                    connection.writeBlocked()
                    continue
                }
                let piece = min(count, writeLimit)
                fileSends.append((fd, offset, piece))
                connection.sent(piece, now: now)
            case .closeFile(let fd):
                closedFiles.append(fd)
            case .handle(let context):
                connection.respond(respond(context), to: context, now: now)
            case .wait(let wait):
                settled = .wait(wait)
                return
            case .close(let mode):
                settled = .close(mode)
                return
            }
        }
        Issue.record("the connection never settled")
    }

    private mutating func takeWrite() -> Bool {
        if writesBeforeFull == 0 { socketIsFull = true }
        guard !socketIsFull else { return false }
        if writesBeforeFull != .max { writesBeforeFull -= 1 }
        return true
    }

    /// Events published so far (and not yet taken).
    func takeEvents() -> [ServerEvent] {
        batch.flush()
        return bus.drain()
    }

    func completed() -> [RequestRecord] {
        takeEvents().compactMap { if case .requestCompleted(let record) = $0 { record } else { nil } }
    }
}
