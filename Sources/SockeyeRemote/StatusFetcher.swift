#if canImport(Glibc)
import Glibc
#endif
import SockeyeSockets

/// Fetches one admin endpoint's `/status` over HTTP/1.1: a connection per poll (`Connection:
/// close`), the body read to its Content-Length or to the end, bounded in size and time.
struct StatusFetcher: Sendable {
    let endpoint: AdminEndpoint
    /// A `/status` of 200 connections and 200 records is ~100 KiB; this leaves room and no more.
    static let maximumResponse = 8 << 20
    let timeoutMilliseconds: Int

    init(endpoint: AdminEndpoint, timeoutMilliseconds: Int = 2000) {
        self.endpoint = endpoint
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// Why a poll failed, in words for the fleet line.
    struct Failure: Error, Equatable {
        let reason: String
    }

    func fetch() throws(Failure) -> [UInt8] {
        let socket = try connect()
        defer { socket.close() }
        var request = "GET /status HTTP/1.1\r\nHost: \(endpoint.host.contains(":") ? "[\(endpoint.host)]" : endpoint.host):\(endpoint.port)\r\n"
        if let token = endpoint.token { request += "Authorization: Bearer \(token)\r\n" }
        request += "Accept: application/json\r\nConnection: close\r\nUser-Agent: sockeye-top\r\n\r\n"
        do { try socket.writeAll(Array(request.utf8)) } catch { throw Failure(reason: Self.words(error)) }
        let response = try readToEnd(socket)
        return try Self.body(of: response)
    }

    private func connect() throws(Failure) -> Socket {
        let addresses: [SocketAddress]
        do { addresses = try SocketAddress.resolve(host: endpoint.host, port: endpoint.port) } catch {
            throw Failure(reason: error.reason)
        }
        var lastError: SocketError?
        for address in addresses {
            do { return try Socket.connect(to: address, timeoutMilliseconds: timeoutMilliseconds) } catch { lastError = error }
        }
        throw Failure(reason: lastError.map(Self.words) ?? "no address")
    }

    private func readToEnd(_ socket: Socket) throws(Failure) -> [UInt8] {
        do { try socket.setReceiveTimeout(milliseconds: timeoutMilliseconds) } catch { throw Failure(reason: Self.words(error)) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let outcome = chunk.withUnsafeMutableBytes { buffer in Result { () throws(SocketError) in try socket.read(into: buffer) } }
            let result: Socket.ReadResult
            switch outcome {
            case .success(let read): result = read
            case .failure(let error):
                throw Failure(reason: error.code == EAGAIN ? "no answer within \(timeoutMilliseconds) ms" : Self.words(error))
            }
            switch result {
            case .bytes(let count):
                received += chunk[..<count]
                guard received.count <= Self.maximumResponse else { throw Failure(reason: "/status is larger than 8 MiB") }
            case .closed:
                return received
            case .wouldBlock:
                throw Failure(reason: "no answer within \(timeoutMilliseconds) ms")
            }
        }
    }

    /// The body of a complete response to `GET /status`, or why there is none.
    static func body(of response: [UInt8]) throws(Failure) -> [UInt8] {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headEnd = response.firstRange(of: separator) else {
            throw Failure(reason: response.isEmpty ? "closed without answering" : "the answer was cut short")
        }
        let head = String(decoding: response[..<headEnd.lowerBound], as: UTF8.self).lowercased()
        let lines = head.split(separator: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, statusParts[0].hasPrefix("http/1."), let status = Int(statusParts[1]) else {
            throw Failure(reason: "not an HTTP/1.1 answer")
        }
        switch status {
        case 200: break
        case 401: throw Failure(reason: "401: a token is needed (--admin-token)")
        case 404: throw Failure(reason: "404: no /status here (is this the --admin address?)")
        default: throw Failure(reason: "HTTP \(status) for /status")
        }
        let body = Array(response[headEnd.upperBound...])
        let fields = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingSpaces)
        }
        if fields.contains(where: { $0.0 == "transfer-encoding" }) {
            throw Failure(reason: "a chunked /status (expected Content-Length)")
        }
        if let length = fields.first(where: { $0.0 == "content-length" }).flatMap({ Int($0.1) }) {
            guard body.count >= length else { throw Failure(reason: "the answer was cut short") }
            return Array(body.prefix(length))
        }
        return body
    }

    private static func words(_ error: SocketError) -> String {
        switch error.code {
        case ECONNREFUSED: "connection refused"
        case EAGAIN, EINPROGRESS, ETIMEDOUT: "no answer (timed out)"
        case EHOSTUNREACH, ENETUNREACH: "unreachable"
        default: String(cString: strerror(error.code))
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
