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
        _ head: ResponseHead, framing: ResponseFraming, requestMethod: MethodCode,
        version: HTTPVersion, keepAlive: Bool, date: String, into output: inout [UInt8]
    ) -> Bool {
        var date = date
        let reason = ReasonPhrase.of(head.status)
        // Everything but the date, server line, reason and fields fits in 160 bytes (status and
        // Content-Length digits included); the head is written in one piece.
        let bound = 160 + date.utf8.count + serverLine.count + reason.utf8CodeUnitCount + head.fields.wireByteCount
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { buffer in
            var writer = ByteWriter(buffer)
            writer.write("HTTP/1.1 ")
            writer.writeDecimal(head.status)
            writer.write(ByteClass.space)
            writer.write(reason)
            writer.write("\r\nDate: ")
            date.withUTF8 { writer.write($0) }
            writer.write("\r\n")
            serverLine.withUnsafeBufferPointer { writer.write($0) }
            head.fields.write(to: &writer)
            if head.status >= 200 {
                if !head.forbidsBody {
                    switch framing {
                    case .length(let count):
                        writer.write("Content-Length: ")
                        writer.writeDecimal(count)
                        writer.write("\r\n")
                    case .chunked:
                        writer.write("Transfer-Encoding: chunked\r\n")
                    }
                }
                if !keepAlive {
                    writer.write("Connection: close\r\n")
                } else if version == .http10 {
                    writer.write("Connection: keep-alive\r\n")
                }
            }
            writer.write("\r\n")
            output.append(contentsOf: writer.written)
        }
        return requestMethod != .head && !head.forbidsBody
    }

    /// A complete response with a fixed body, the common case.
    public func writeResponse(
        _ head: ResponseHead, body: some Collection<UInt8>, requestMethod: MethodCode,
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
}
