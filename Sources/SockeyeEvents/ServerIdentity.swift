/// Who the server is, as its views show it (the dashboard's header, the admin's `/status`).
public struct ServerIdentity: Sendable {
    public var address: String
    public var model: String
    public var workers: Int

    public init(address: String, model: String, workers: Int) {
        self.address = address
        self.model = model
        self.workers = workers
    }
}
