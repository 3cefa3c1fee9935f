import Foundation
import HTTPCore
import SockeyeEvents
@testable import SockeyeServer

/// A real server on 127.0.0.1, port 0, with an event collector attached. Stopped by `stop()`.
final class TestServer: @unchecked Sendable {
    let server: Server
    /// Drained only when a test looks: its whole ring may fill before producers shed.
    let bus = EventBus(sampledBacklog: .max)
    let counters = ServerCounters()
    private let lock = NSLock()
    private var collected: [ServerEvent] = []

    var port: Int { server.port }

    init(model: IOModel, workers: Int = 1, table: ConnectionTable = ConnectionTable(),
         configure: (inout ServerConfig) -> Void = { _ in }) throws {
        var config = ServerConfig()
        config.port = 0
        config.model = model
        config.workers = workers
        config.slowDefaultMilliseconds = 300
        config.chunkIntervalMilliseconds = 100
        config.shutdownGrace = 3
        configure(&config)
        bus.attachConsumer()
        server = try Server(config: config, bus: bus, counters: counters, table: table)
        try server.start()
    }

    /// Every event published so far, in order.
    var events: [ServerEvent] {
        lock.lock()
        defer { lock.unlock() }
        collected += bus.drain()
        return collected
    }

    var completed: [RequestRecord] {
        events.compactMap { if case .requestCompleted(let record) = $0 { record } else { nil } }
    }

    var rejections: [(status: Int, reason: String)] {
        events.compactMap { if case .requestRejected(_, let status, let reason, _, _, _) = $0 { (status, reason) } else { nil } }
    }

    var closeReasons: [CloseReason] {
        events.compactMap { if case .connectionClosed(_, let reason, _, _, _, _) = $0 { reason } else { nil } }
    }

    /// Polls `condition` for up to `seconds` (events arrive from other threads).
    func eventually(_ seconds: Double = 3, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    func stop() {
        server.shutdown()
        server.wait()
    }

    var url: String { "http://127.0.0.1:\(port)" }
}
