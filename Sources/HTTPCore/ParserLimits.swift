/// The bounds the parser enforces. Defaults follow HTTP-RULES: 8 KiB request line (414),
/// 8 KiB header section (431), 100 fields (431), 1 MiB body (413).
public struct ParserLimits: Sendable, Equatable {
    public var maxRequestLineBytes: Int
    /// Bytes of the header section after the request line; also bounds a chunked body's
    /// trailer section and each chunk-size line with its extensions (RFC 9112 §7.1).
    public var maxHeaderBytes: Int
    public var maxFieldCount: Int
    public var maxBodyBytes: Int

    public init(
        maxRequestLineBytes: Int = 8 * 1024,
        maxHeaderBytes: Int = 8 * 1024,
        maxFieldCount: Int = 100,
        maxBodyBytes: Int = 1024 * 1024
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxFieldCount = maxFieldCount
        self.maxBodyBytes = maxBodyBytes
    }
}
