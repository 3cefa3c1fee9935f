#if canImport(Glibc)
import Glibc
#endif
import CSockeye

/// An IPv4 or IPv6 socket address.
public struct SocketAddress: Sendable, CustomStringConvertible {
    private var storage: sockaddr_storage

    public var family: Int32 { Int32(storage.ss_family) }

    init(storage: sockaddr_storage) { self.storage = storage }

    init(host: String, port: Int) throws(SocketError) {
        guard (0...65535).contains(port) else { throw SocketError("port \(port)", code: EINVAL) }
        storage = sockaddr_storage()
        let parsed: Bool = withUnsafeMutablePointer(to: &storage) { pointer in
            if host.contains(":") {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    address.pointee.sin6_family = sa_family_t(AF_INET6)
                    address.pointee.sin6_port = in_port_t(UInt16(port).bigEndian)
                    return inet_pton(AF_INET6, host, &address.pointee.sin6_addr) == 1
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                address.pointee.sin_family = sa_family_t(AF_INET)
                address.pointee.sin_port = in_port_t(UInt16(port).bigEndian)
                let literal = host == "localhost" ? "127.0.0.1" : host
                return inet_pton(AF_INET, literal, &address.pointee.sin_addr) == 1
            }
        }
        guard parsed else { throw SocketError("address \(host)", code: EINVAL) }
    }

    /// The TCP addresses `host` stands for, in the resolver's order of preference (never empty): an
    /// IPv4 or IPv6 literal as written, a name as /etc/hosts or DNS answer for it (getaddrinfo).
    public static func resolve(host: String, port: Int) throws(HostResolutionError) -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let list else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            throw HostResolutionError(host: host, reason: reason)
        }
        defer { freeaddrinfo(list) }
        return sequence(first: list) { $0.pointee.ai_next }.map { entry in
            var storage = sockaddr_storage()
            withUnsafeMutableBytes(of: &storage) {
                $0.copyMemory(from: UnsafeRawBufferPointer(start: entry.pointee.ai_addr, count: Int(entry.pointee.ai_addrlen)))
            }
            return SocketAddress(storage: storage)
        }
    }

    func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        let length = socklen_t(family == AF_INET6 ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) } }
    }

    public var port: Int {
        withUnsafePointer(to: storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }

    /// In 127.0.0.0/8 or `::1` (or an IPv4-mapped 127 address): reachable from this machine only.
    public var isLoopback: Bool {
        withUnsafePointer(to: storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    let bytes = withUnsafeBytes(of: address.pointee.sin6_addr) { Array($0) }
                    let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
                    return (bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1) || (mapped && bytes[12] == 127)
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                UInt32(bigEndian: address.pointee.sin_addr.s_addr) >> 24 == 127
            }
        }
    }

    /// `127.0.0.1:54321` or `[::1]:54321`.
    public var description: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        return withUnsafePointer(to: storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var raw = address.pointee.sin6_addr
                    inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                    return "[\(Self.string(text))]:\(port)"
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                var raw = address.pointee.sin_addr
                inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                return "\(Self.string(text)):\(port)"
            }
        }
    }

    /// The NUL-terminated text inet_ntop wrote.
    private static func string(_ text: [CChar]) -> String {
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A host that names no address: unknown to /etc/hosts and DNS, or the resolver could not be asked.
public struct HostResolutionError: Error, CustomStringConvertible, Sendable {
    public let host: String
    /// The resolver's message, such as "Name or service not known".
    public let reason: String

    public var description: String { "cannot resolve \(host): \(reason)" }
}
