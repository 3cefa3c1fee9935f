/// A completed TLS handshake: what was agreed and how long it took from accept.
public struct TLSHandshakeRecord: Sendable, Equatable {
    public var connection: UInt64
    /// As OpenSSL names it: "TLSv1.3", "TLSv1.2".
    public var version: String
    public var cipher: String
    /// The ALPN protocol agreed, if the client offered ALPN.
    public var alpn: String?
    /// The SNI host name the client asked for, if any.
    public var serverName: String?
    /// Nanoseconds from accept to the end of the handshake.
    public var duration: UInt64
    public var at: UInt64

    public init(connection: UInt64, version: String, cipher: String, alpn: String?, serverName: String?, duration: UInt64,
                at: UInt64) {
        self.connection = connection
        self.version = version
        self.cipher = cipher
        self.alpn = alpn
        self.serverName = serverName
        self.duration = duration
        self.at = at
    }
}
