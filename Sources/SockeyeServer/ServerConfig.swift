import HTTPCore

/// Which I/O driver runs the connections.
public enum IOModel: String, Sendable, CaseIterable {
    case eventloop
    case threads
}

/// Everything the server is started with; the CLI fills it from flags.
public struct ServerConfig: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var model = IOModel.eventloop
    public var workers = 1
    /// Serve a site from this folder; its files and folders take precedence over the built-in routes.
    public var root: String?
    /// Serve and list names starting with `.` under the root.
    public var dotfiles = false
    /// Content codings for files: precompressed siblings and gzip/brotli on the fly.
    public var compress = true
    public var limits = ParserLimits()
    public var maxConnections = 10_000
    /// Seconds.
    public var headerTimeout = 10.0
    public var bodyTimeout = 30.0
    public var idleTimeout = 60.0
    /// Seconds pending output may make no progress before the connection is closed.
    public var sendTimeout = 60.0
    public var shutdownGrace = 10.0
    /// HTTPS when set: every connection starts with a TLS handshake.
    public var tls: TLSContext?
    /// Seconds a client has to complete the TLS handshake.
    public var tlsHandshakeTimeout = 10.0
    /// `/slow`'s default delay and the most `?ms=` may ask for, in milliseconds.
    public var slowDefaultMilliseconds = 3000
    public var slowMaxMilliseconds = 60_000
    /// `/chunked`: how many chunks, how far apart.
    public var chunkCount = 5
    public var chunkIntervalMilliseconds = 500
    /// Routes that replace the built-in ones and the site root (the admin listener's).
    public var endpoints: [Endpoint]?
    /// Runs before routing; a response it returns is the answer (the admin token check).
    public var requestGuard: (@Sendable (Request) -> Response?)?

    public init() {}
}

/// Durations in nanoseconds, the unit the connection state machine works in.
struct ConnectionSettings: Sendable {
    var limits: ParserLimits
    var headerTimeout: UInt64
    var bodyTimeout: UInt64
    var idleTimeout: UInt64
    var sendTimeout: UInt64
    var tlsHandshakeTimeout: UInt64
    /// Stop reading ahead when this many requests wait for their turn (pipelining back-pressure).
    var maxQueuedRequests = 32
    /// Stop reading ahead while this much output is unsent.
    var maxPendingOutput = 16 * 1024

    init(_ config: ServerConfig) {
        limits = config.limits
        headerTimeout = Self.nanoseconds(config.headerTimeout)
        bodyTimeout = Self.nanoseconds(config.bodyTimeout)
        idleTimeout = Self.nanoseconds(config.idleTimeout)
        sendTimeout = Self.nanoseconds(config.sendTimeout)
        tlsHandshakeTimeout = Self.nanoseconds(config.tlsHandshakeTimeout)
    }

    static func nanoseconds(_ seconds: Double) -> UInt64 { UInt64(max(0, seconds) * 1e9) }
}
