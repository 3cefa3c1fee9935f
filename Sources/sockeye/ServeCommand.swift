#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import HTTPCore
import SockeyeAdmin
import SockeyeDashboard
import SockeyeEvents
import SockeyeLog
import SockeyeServer
import SockeyeSockets

/// `sockeye serve`: the same server `sockeye` runs with no subcommand.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the server (the default).")

    @OptionGroup var options: ServeOptions

    func run() throws { try options.serve() }
}

/// The server's flags and DIR, on `sockeye serve` (the default subcommand, so `sockeye` takes them too).
struct ServeOptions: ParsableArguments {
    @Option(help: "Address to listen on: IPv4, IPv6 or a host name (its first address that can be bound).") var host = "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free one and prints it.") var port = 8080
    @Option(help: "View: auto (dashboard on a terminal, log otherwise), tui, log or none.") var ui = UIMode.auto
    @Option(name: .customLong("log-format"), help: "Log format: text, clf or json.") var logFormat = LogFormat.text
    @Option(help: """
        Log only the requests this expression matches: ~c 404 or ~c 4xx (status), ~m POST (method), ~u TEXT (target contains), \
        TEXT (path contains), ! not, & and, | or, ( ). It filters request_completed and request_rejected lines (a rejected \
        request has a status, no method or target); connection, head, response, chunk and TLS lines and the totals are never filtered.
        """)
    var filter: String?
    @Option(help: "I/O model: eventloop (epoll) or threads (thread per connection).") var model = IOModel.eventloop
    @Option(help: "Event loops for the eventloop model (default: one per core).") var workers: Int?
    @Argument(help: ArgumentHelp("Serve a site from this folder (the same as --root).", valueName: "DIR")) var directory: String?
    @Option(help: "Serve a site from this folder: its files and folders first, the built-in routes where nothing matches.")
    var root: String?
    @Flag(help: "Serve and list names starting with a dot under the root.") var dotfiles = false
    @Flag(name: .customLong("no-compress"), help: "Send files as they are: no precompressed siblings, no gzip or brotli on the fly.")
    var noCompress = false
    @Option(name: .customLong("header-timeout"), help: "Seconds to receive a request head (408 after).") var headerTimeout = 10.0
    @Option(name: .customLong("idle-timeout"), help: "Seconds an idle keep-alive connection stays open.") var idleTimeout = 60.0
    @Option(name: .customLong("body-timeout"), help: "Seconds to receive a request body (408 after).") var bodyTimeout = 30.0
    @Option(name: .customLong("send-timeout"), help: "Seconds a response may make no sending progress before the connection is closed.")
    var sendTimeout = 60.0
    @Option(name: .customLong("max-header-bytes"), help: "Header section limit (431 above).") var maxHeaderBytes = 8192
    @Option(name: .customLong("max-body-bytes"), help: "Body limit (413 above).") var maxBodyBytes = 1_048_576
    @Option(name: .customLong("max-connections"), help: "Open connections at most; more get 503.") var maxConnections = 10_000
    @Option(name: .customLong("tls-cert"), help: "Serve HTTPS with this PEM certificate (chain); needs --tls-key.")
    var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "The PEM private key for --tls-cert.") var tlsKey: String?
    @Flag(name: .customLong("tls-self-signed"), help: "Serve HTTPS with an ephemeral self-signed certificate for localhost.")
    var tlsSelfSigned = false
    @Option(name: .customLong("tls-handshake-timeout"), help: "Seconds a client has to finish the TLS handshake.")
    var tlsHandshakeTimeout = 10.0
    @Option(help: """
        Also serve /metrics (Prometheus), /events (live JSON lines) and /status (JSON) on this second listener, \
        e.g. 127.0.0.1:9100 or :0 (a free port on loopback). A non-loopback address needs --admin-token.
        """)
    var admin: AdminAddress?
    @Option(name: .customLong("admin-token"), help: "Every admin request must carry Authorization: Bearer TOKEN (401 otherwise).")
    var adminToken: String?
    @Option(help: "Write every event to this file as JSON lines while serving (lossless, like the log); replay it later.")
    var record: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535, got \(port)") }
        if let workers, !(1...256).contains(workers) { throw ValidationError("--workers must be 1...256, got \(workers)") }
        for (name, value) in [("--header-timeout", headerTimeout), ("--idle-timeout", idleTimeout), ("--body-timeout", bodyTimeout),
                              ("--send-timeout", sendTimeout),
                              ("--tls-handshake-timeout", tlsHandshakeTimeout)]
        where !(value > 0 && value <= 86_400) {
            throw ValidationError("\(name) must be a number of seconds in (0, 86400], got \(value)")
        }
        guard maxHeaderBytes >= 256 else { throw ValidationError("--max-header-bytes must be at least 256") }
        guard maxBodyBytes >= 0 else { throw ValidationError("--max-body-bytes must not be negative") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if tlsSelfSigned && tlsCert != nil { throw ValidationError("--tls-self-signed replaces --tls-cert/--tls-key; give one or the other") }
        _ = try requestFilter()
        try validateAdmin()
        if directory != nil && root != nil { throw ValidationError("give the folder once: DIR or --root DIR") }
        if let root = siteRoot {
            var info = stat()
            guard stat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                throw ValidationError("\(directory == nil ? "--root" : "DIR") \(root) is not a readable folder")
            }
        }
    }

    func serve() throws {
        if ui == .tui && !UIMode.stdoutIsTerminal {
            FileHandleOutput.standardError("sockeye: --ui tui needs a terminal on stdout (TERM set, not dumb); use --ui log")
            throw ExitCode(2)
        }
        var config = ServerConfig()
        config.host = host
        config.port = port
        config.model = model
        config.workers = workers ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        config.root = siteRoot
        config.dotfiles = dotfiles
        config.compress = !noCompress
        config.headerTimeout = headerTimeout
        config.idleTimeout = idleTimeout
        config.bodyTimeout = bodyTimeout
        config.sendTimeout = sendTimeout
        config.limits = ParserLimits(maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes)
        config.maxConnections = maxConnections
        config.tlsHandshakeTimeout = tlsHandshakeTimeout
        config.tls = try makeTLSContext()

        SignalWaiter.blockTerminationSignals()
        let bus = EventBus()
        let counters = ServerCounters()
        let table = ConnectionTable()
        let startedAt = MonotonicClock.now()
        let server: Server
        do {
            server = try Server(config: config, bus: bus, counters: counters, table: table, startedAt: startedAt)
        } catch let error as HostResolutionError {
            FileHandleOutput.standardError("sockeye: cannot resolve --host \(error.host): \(error.reason)")
            throw ExitCode(1)
        } catch {
            FileHandleOutput.standardError("sockeye: cannot listen on \(host):\(port): \(error)")
            throw ExitCode(1)
        }
        let view = ui.resolved()
        let formatter = LogFormatter(format: logFormat)
        let address = "\(config.tls == nil ? "http" : "https")://\(server.address)"
        var sinks: [any EventSink] = []
        var dashboard: Dashboard?
        // One aggregator for the dashboard and the admin's /status.
        let stats = view == .tui || admin != nil ? StatsAggregator(counters: counters, table: table, bus: bus, startedAt: startedAt) : nil
        if let stats { sinks.append(stats) }
        let identity = ServerIdentity(address: address, model: model.rawValue, workers: config.workers)
        let adminServer = try admin.map { try startAdmin($0, counters: counters, bus: bus, stats: stats!, identity: identity,
                                                             sinks: &sinks) }
        let recording = try record.map(openRecording)
        if let recording { sinks.append(LogSink(formatter: LogFormatter(format: .json), fd: recording)) }
        switch view {
        case .tui:
            // `q` asks for the same graceful shutdown as Ctrl-C.
            dashboard = Dashboard(source: stats!, info: identity, onQuit: { kill(getpid(), SIGTERM) })
        case .log:
            sinks.append(LogSink(formatter: formatter, filter: try requestFilter()))
        case .none, .auto:
            break
        }
        let pump = sinks.isEmpty ? nil : EventPump(bus: bus, sinks: sinks)
        if let pump { ThreadSpawner.spawn(detached: true) { pump.run() } }
        try server.start()
        // Announced once the loops or the acceptor run (the listener has queued connections since bind).
        if dashboard == nil { FileHandleOutput.standardOutput(formatter.listeningLine(url: address)) }
        if let adminServer {
            try adminServer.start()
            let line = formatter.adminLine(url: "http://\(adminServer.address)")
            if dashboard == nil { FileHandleOutput.standardOutput(line) } else { FileHandleOutput.standardError("sockeye: \(line)") }
        }
        if let siteRoot, view == .log {
            // Plain text on stderr: stdout stays one format (CLF, JSON lines) for whoever reads it.
            FileHandleOutput.standardError("sockeye: serving \(siteRoot): its files and folders first, the built-in routes only where nothing under it matches")
        }
        if let dashboard { ThreadSpawner.spawn(detached: true) { dashboard.run() } }

        let signal = SignalWaiter.wait()
        // A second Ctrl-C (or SIGTERM) during the grace period stops at once.
        ThreadSpawner.spawn(detached: true) {
            _ = SignalWaiter.wait()
            FileHandleOutput.standardError("sockeye: stopped without waiting for the responses in flight")
            Glibc.exit(1)
        }
        dashboard?.stop()
        if dashboard != nil { announceWait(table) }
        server.shutdown()
        adminServer?.shutdown()
        server.wait()
        adminServer?.wait()
        pump?.stop()
        if let recording { close(recording) }
        if view == .log, let line = formatter.shutdownLine(signal: signal == SIGINT ? "SIGINT" : "SIGTERM",
                                                             connectionsAccepted: counters.connectionsAccepted.load(ordering: .relaxed),
                                                             requestsServed: counters.requests.load(ordering: .relaxed)) {
            FileHandleOutput.standardOutput(line)
        }
    }

    /// The admin listener: its own server (its traffic is not counted with the site's), serving the
    /// admin endpoints; its feed and the statistics join the pump's sinks.
    private func startAdmin(_ admin: AdminAddress, counters: ServerCounters, bus: EventBus, stats: StatsAggregator,
                            identity: ServerIdentity, sinks: inout [any EventSink]) throws -> Server {
        let feed = EventFeed(bus: bus)
        sinks.append(feed)
        let service = AdminService(counters: counters, bus: bus, stats: stats, feed: feed, identity: identity, token: adminToken)
        var config = ServerConfig()
        config.host = admin.host
        config.port = admin.port
        config.workers = 1
        config.maxConnections = 256
        config.endpoints = service.endpoints
        config.requestGuard = service.requestGuard
        do {
            return try Server(config: config, bus: EventBus(capacity: 8, shards: 1), counters: ServerCounters())
        } catch {
            FileHandleOutput.standardError("sockeye: cannot listen on --admin \(admin.host):\(admin.port): \(error)")
            throw ExitCode(1)
        }
    }

    /// The admin endpoint must not be open to the network without a token.
    private func validateAdmin() throws {
        guard let admin else {
            if adminToken != nil { throw ValidationError("--admin-token goes with --admin HOST:PORT") }
            return
        }
        if let adminToken, adminToken.isEmpty || adminToken.contains(where: { $0.isWhitespace || !$0.isASCII }) {
            throw ValidationError("--admin-token must be printable ASCII without spaces")
        }
        let addresses: [SocketAddress]
        do {
            addresses = try SocketAddress.resolve(host: admin.host, port: admin.port)
        } catch {
            throw ValidationError("--admin \(admin.host): \(error.reason)")
        }
        if adminToken == nil && !addresses.allSatisfy(\.isLoopback) {
            throw ValidationError("--admin \(admin.host) is reachable from other machines: give --admin-token TOKEN too, or use a loopback address")
        }
    }

    /// `--record FILE`, created or truncated; a path that cannot be written is a usage error.
    private func openRecording(_ path: String) throws -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            FileHandleOutput.standardError("sockeye: cannot write --record \(path): \(String(cString: strerror(errno)))")
            throw ExitCode(2)
        }
        return fd
    }

    /// DIR or --root DIR.
    private var siteRoot: String? { directory ?? root }

    /// The dashboard is gone and the grace period may take seconds: say why the terminal waits.
    private func announceWait(_ table: ConnectionTable) {
        let busy = table.snapshot().filter { $0.state == .handling || $0.state == .writing }
        let responses = busy.count + busy.reduce(0) { $0 + $1.queued.count }
        guard responses > 0 else { return }
        FileHandleOutput.standardError(
            "sockeye: waiting for \(responses) response\(responses == 1 ? "" : "s") to finish (Ctrl-C to stop at once)")
    }

    /// `--filter` parsed; a bad expression is a usage error naming where it goes wrong.
    private func requestFilter() throws -> RequestFilter? {
        guard let filter else { return nil }
        do {
            return try RequestFilter(parsing: filter)
        } catch {
            throw ValidationError("--filter \(filter): \(error)")
        }
    }

    /// The TLS context the flags ask for; a bad certificate or key ends the program with one line
    /// naming the file (exit 2).
    private func makeTLSContext() throws -> TLSContext? {
        do {
            if let tlsCert, let tlsKey { return try TLSContext.load(certificateFile: tlsCert, keyFile: tlsKey) }
            guard tlsSelfSigned else { return nil }
            let context = try TLSContext.selfSigned()
            FileHandleOutput.standardError("sockeye: self-signed certificate for localhost, SHA-256 \(context.fingerprint)")
            return context
        } catch {
            FileHandleOutput.standardError("sockeye: \(error)")
            throw ExitCode(2)
        }
    }
}
