/// An admin endpoint to watch: `http://HOST:PORT` as `--admin` printed it (`HOST:PORT` alone is
/// taken as http), optionally with the token `--admin-token` set.
public struct AdminEndpoint: Sendable, Equatable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let token: String?

    public enum ParseError: Error, CustomStringConvertible, Equatable {
        case unsupportedScheme(String)
        case malformed(String)

        public var description: String {
            switch self {
            case .unsupportedScheme(let url): "\(url): the admin endpoint is plain http (http://HOST:PORT)"
            case .malformed(let url): "\(url) is not an admin address: expected http://HOST:PORT"
            }
        }
    }

    public init(host: String, port: Int, token: String? = nil) {
        self.host = host
        self.port = port
        self.token = token
    }

    /// Parses `http://127.0.0.1:9090`, `http://[::1]:9090/`, `localhost:9090`.
    public init(parsing text: String, token: String? = nil) throws(ParseError) {
        var rest = Substring(text)
        if let scheme = rest.firstRange(of: "://") {
            guard rest[..<scheme.lowerBound].lowercased() == "http" else { throw .unsupportedScheme(text) }
            rest = rest[scheme.upperBound...]
        }
        if let slash = rest.firstIndex(of: "/") {
            // Only the root: the endpoint's paths are its own.
            guard rest[slash...] == "/" else { throw .malformed(text) }
            rest = rest[..<slash]
        }
        let host: Substring, portText: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]"), rest[rest.index(after: close)...].hasPrefix(":") else { throw .malformed(text) }
            host = rest[rest.index(after: rest.startIndex)..<close]
            portText = rest[rest.index(close, offsetBy: 2)...]
        } else {
            guard let colon = rest.lastIndex(of: ":") else { throw .malformed(text) }
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (1...65535).contains(port) else { throw .malformed(text) }
        self.init(host: String(host), port: port, token: token)
    }

    /// `http://127.0.0.1:9090`.
    public var description: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }
}
