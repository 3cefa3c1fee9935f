/// Bounds on one response, so a broken or hostile server can neither hang the demo nor fill its
/// memory.
struct ResponseLimits: Sendable {
    /// The status line and fields; also a chunked body's trailer section.
    var headBytes = 64 * 1024
    var bodyBytes = 16 * 1024 * 1024
    /// A chunk-size line with its extensions.
    var chunkLineBytes = 4 * 1024
    /// From asking for a response to its last byte, interim responses included.
    var timeoutMilliseconds = 60_000
}
