/// Fixed facts the header shows.
public struct DashboardInfo: Sendable {
    public var address: String
    public var model: String
    public var workers: Int

    public init(address: String, model: String, workers: Int) {
        self.address = address
        self.model = model
        self.workers = workers
    }
}
