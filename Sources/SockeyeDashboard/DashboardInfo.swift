/// Fixed facts the header shows.
public struct DashboardInfo: Sendable {
    public var address: String
    public var model: String
    public var workers: Int

    /// An HTTPS server: the views show TLS details.
    public var isTLS: Bool { address.hasPrefix("https:") }

    public init(address: String, model: String, workers: Int) {
        self.address = address
        self.model = model
        self.workers = workers
    }
}
