import ArgumentParser

/// `--admin HOST:PORT`, `:PORT` (loopback) or `[IPv6]:PORT`.
struct AdminAddress: ExpressibleByArgument {
    var host: String
    var port: Int

    init?(argument: String) {
        guard let colon = argument.lastIndex(of: ":"), let port = Int(argument[argument.index(after: colon)...]),
              (0...65535).contains(port)
        else { return nil }
        var host = String(argument[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.contains(":") || argument.hasPrefix("[") else { return nil }
        self.host = host.isEmpty ? "127.0.0.1" : host
        self.port = port
    }

    static var defaultValueDescription: String { "HOST:PORT" }
}
