/// Writes responses as bytes: status line, fields, framing, body or chunks. Appends to a
/// caller-owned buffer so a driver can answer every pipelined request one read delivered
/// with a single write.
public struct ResponseSerializer: Sendable {
    public var serverName: String

    public init(serverName: String = "Sockeye") {
        self.serverName = serverName
    }

    /// Appends the head. Returns whether body bytes may follow: false for HEAD requests and for
    /// statuses that forbid a body (RFC 9110 §6.4.1, §9.3.2).
    ///
    /// - Parameters:
    ///   - date: the cached IMF-fixdate of the current second.
    ///   - keepAlive: whether the connection stays open; HTTP/1.0 clients are told
    ///     `keep-alive` explicitly, HTTP/1.1 clients are told `close` (RFC 9112 §9.3).
    @discardableResult
    public func writeHead(
        _ head: ResponseHead, framing: ResponseFraming, requestMethod: HTTPMethod,
        version: HTTPVersion, keepAlive: Bool, date: String, into output: inout [UInt8]
    ) -> Bool {
        output.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(head.status, to: &output)
        output.append(ByteClass.space)
        output.append(contentsOf: ReasonPhrase.of(head.status).utf8)
        appendLine(&output)
        appendField("Date", date, to: &output)
        appendField("Server", serverName, to: &output)
        head.fields.write(into: &output)
        if head.status >= 200 {
            if !head.forbidsBody {
                switch framing {
                case .length(let count):
                    output.append(contentsOf: "Content-Length: ".utf8)
                    appendDecimal(count, to: &output)
                    appendLine(&output)
                case .chunked:
                    appendField("Transfer-Encoding", "chunked", to: &output)
                }
            }
            if !keepAlive {
                appendField("Connection", "close", to: &output)
            } else if version == .http10 {
                appendField("Connection", "keep-alive", to: &output)
            }
        }
        appendLine(&output)
        return requestMethod != .head && !head.forbidsBody
    }

    /// A complete response with a fixed body, the common case.
    public func writeResponse(
        _ head: ResponseHead, body: some Collection<UInt8>, requestMethod: HTTPMethod,
        version: HTTPVersion, keepAlive: Bool, date: String, into output: inout [UInt8]
    ) {
        let bodyFollows = writeHead(
            head, framing: .length(body.count), requestMethod: requestMethod,
            version: version, keepAlive: keepAlive, date: date, into: &output)
        if bodyFollows { output.append(contentsOf: body) }
    }

    /// One chunk: size in hex, CRLF, data, CRLF (RFC 9112 §7.1). Empty data writes nothing,
    /// since a zero-size chunk would end the body.
    public static func writeChunk(_ data: some Collection<UInt8>, into output: inout [UInt8]) {
        guard !data.isEmpty else { return }
        output.append(contentsOf: String(data.count, radix: 16).utf8)
        output.append(contentsOf: [ByteClass.cr, ByteClass.lf])
        output.append(contentsOf: data)
        output.append(contentsOf: [ByteClass.cr, ByteClass.lf])
    }

    /// The last chunk and an empty trailer section.
    public static func writeLastChunk(into output: inout [UInt8]) {
        output.append(contentsOf: "0\r\n\r\n".utf8)
    }

    private func appendField(_ name: String, _ value: String, to output: inout [UInt8]) {
        output.append(contentsOf: name.utf8)
        output.append(ByteClass.colon)
        output.append(ByteClass.space)
        output.append(contentsOf: value.utf8)
        appendLine(&output)
    }

    private func appendLine(_ output: inout [UInt8]) {
        output.append(ByteClass.cr)
        output.append(ByteClass.lf)
    }

    private func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &output) }
        output.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
