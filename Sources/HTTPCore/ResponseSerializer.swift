/// Writes responses as bytes: status line, fields, framing, body or chunks. Appends to a
/// caller-owned buffer so a driver can answer every pipelined request one read delivered
/// with a single write.
public struct ResponseSerializer: Sendable {
    /// `Server: NAME\r\n`, built once.
    private let serverLine: [UInt8]

    public init(serverName: String = "Sockeye") {
        serverLine = Array("Server: \(serverName)\r\n".utf8)
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
        append("HTTP/1.1 ", to: &output)
        DecimalDigits.append(head.status, to: &output)
        output.append(ByteClass.space)
        append(ReasonPhrase.of(head.status), to: &output)
        append("\r\nDate: ", to: &output)
        var date = date
        date.withUTF8 { output.append(contentsOf: $0) }
        appendLine(&output)
        output.append(contentsOf: serverLine)
        head.fields.write(into: &output)
        if head.status >= 200 {
            if !head.forbidsBody {
                switch framing {
                case .length(let count):
                    append("Content-Length: ", to: &output)
                    DecimalDigits.append(count, to: &output)
                    appendLine(&output)
                case .chunked:
                    append("Transfer-Encoding: chunked\r\n", to: &output)
                }
            }
            if !keepAlive {
                append("Connection: close\r\n", to: &output)
            } else if version == .http10 {
                append("Connection: keep-alive\r\n", to: &output)
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

    /// Literal bytes by memcpy, not through a String's generic UTF-8 view.
    @inline(__always)
    private func append(_ literal: StaticString, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    private func appendLine(_ output: inout [UInt8]) {
        output.append(ByteClass.cr)
        output.append(ByteClass.lf)
    }
}
