import SockeyeEvents

/// Fixed facts the header shows.
public typealias DashboardInfo = ServerIdentity

extension ServerIdentity {
    /// An HTTPS server: the views show TLS details.
    var isTLS: Bool { address.hasPrefix("https:") }
}
