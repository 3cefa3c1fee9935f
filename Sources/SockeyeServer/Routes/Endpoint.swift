import HTTPCore

/// A route served in place of the built-in ones (the admin listener's): a path, the methods it
/// takes (HEAD wherever GET is listed, as for the built-in routes) and its handler.
public struct Endpoint: Sendable {
    public let path: String
    public let methods: [HTTPMethod]
    public let handler: @Sendable (RequestContext) -> Response

    public init(path: String, methods: [HTTPMethod] = [.get, .head], handler: @escaping @Sendable (RequestContext) -> Response) {
        self.path = path
        self.methods = methods
        self.handler = handler
    }
}
