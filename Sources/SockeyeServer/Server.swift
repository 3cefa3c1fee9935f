#if canImport(Glibc)
import Glibc
#endif
import SockeyeEvents
import Synchronization
import SockeyeSockets

/// The HTTP server: binds the listener, runs the chosen I/O model's threads, and shuts down
/// gracefully (stop accepting, finish in-flight responses within the grace period, close).
public final class Server: Sendable {
    public let config: ServerConfig
    private let context: ServerContext
    private let listener: Socket
    /// The address actually bound: one `config.host` resolves to, and a free port when `config.port` was 0.
    public let address: SocketAddress
    public var port: Int { address.port }
    private let loops: Mutex<[EventLoopHandle]> = Mutex([])
    private let threads: Mutex<[pthread_t]> = Mutex([])

    /// An event loop reachable from other threads only through its wake-up.
    private struct EventLoopHandle: @unchecked Sendable {
        let loop: EventLoop
    }

    /// Listens at once; throws `HostResolutionError` when `config.host` names no address, `SocketError`
    /// when it cannot listen there.
    public init(config: ServerConfig, bus: EventBus, counters: ServerCounters, table: ConnectionTable = ConnectionTable(),
                startedAt: UInt64 = MonotonicClock.now()) throws {
        self.config = config
        context = ServerContext(config: config, bus: bus, counters: counters, table: table, startedAt: startedAt)
        listener = try Socket.listen(host: config.host, port: config.port)
        address = try listener.localAddress()
        signal(SIGPIPE, SIG_IGN)
        Self.raiseOpenFileLimit()
    }

    /// Each connection is a descriptor: take the hard limit (as nginx's worker_rlimit_nofile does).
    private static func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// Starts the driver threads and returns at once.
    public func start() throws(SocketError) {
        switch config.model {
        case .eventloop:
            try listener.setNonBlocking()
            for index in 0..<max(1, config.workers) {
                let handle = EventLoopHandle(loop: try EventLoop(context: context, listener: listener, index: index))
                loops.withLock { $0.append(handle) }
                guard let thread = ThreadSpawner.spawn(stackBytes: 1024 * 1024, { handle.loop.run() }) else {
                    throw SocketError("pthread_create")
                }
                threads.withLock { $0.append(thread) }
            }
        case .threads:
            let acceptor = ThreadAcceptor(context: context, listener: listener)
            guard let thread = ThreadSpawner.spawn({ acceptor.run() }) else { throw SocketError("pthread_create") }
            threads.withLock { $0.append(thread) }
        }
    }

    /// Begins a graceful shutdown from any thread.
    public func shutdown() {
        guard !context.stopping.exchange(true, ordering: .relaxed) else { return }
        listener.shutdown()
        loops.withLock { handles in handles.forEach { $0.loop.wake() } }
    }

    /// Blocks until the driver threads have finished (after `shutdown`), then closes the listener.
    public func wait() {
        let joining = threads.withLock { $0 }
        for thread in joining { pthread_join(thread, nil) }
        if config.model == .threads {
            // Connection threads are detached: give them the grace period to finish.
            let deadline = MonotonicClock.now() &+ ConnectionSettings.nanoseconds(config.shutdownGrace)
            while context.openConnections > 0 && MonotonicClock.now() < deadline { usleep(10_000) }
        }
        listener.close()
    }

    public var openConnections: Int { context.openConnections }
}
