import HTTPCore

/// Maps a request to a handler. Under a root, what the root holds answers GET and HEAD first; the
/// built-in routes answer where nothing under it matches. Known paths answer their methods (HEAD
/// wherever GET works); a wrong method is 405 with `Allow`, a method the server implements nowhere is 501.
final class Router: Sendable {
    /// A class: picking one is a single reference, not a copy of its arrays and closure.
    private final class Route: Sendable {
        let path: [UInt8]
        let methods: [HTTPMethod]
        /// `methods` as a set of `MethodCode` bits, tested without comparing enums.
        private let methodBits: UInt16
        private let handler: @Sendable (RequestContext) -> Response

        init(path: String, methods: [HTTPMethod], handler: @escaping @Sendable (RequestContext) -> Response) {
            self.path = Array(path.utf8)
            self.methods = methods
            methodBits = methods.reduce(0) { $0 | Router.bit(MethodCode($1)) }
            self.handler = handler
        }

        func takes(_ method: MethodCode) -> Bool { methodBits & Router.bit(method) != 0 }

        /// Whether `requested` is this route's path.
        func matches(_ requested: UnsafeBufferPointer<UInt8>) -> Bool {
            path.withUnsafeBufferPointer { ASCII.equals(requested, $0) }
        }

        /// Called through the route, which keeps the handler alive for the call, so the
        /// closure's context is not retained around it.
        func answer(_ context: RequestContext) -> Response { handler(context) }
    }

    /// A method's bit in a route's set; `.other` has none, since a route names only known methods.
    private static func bit(_ method: MethodCode) -> UInt16 { method == .other ? 0 : 1 << method.rawValue }

    /// Few enough that comparing the path's bytes with each beats hashing a string built from them.
    private let routes: [Route]
    private let fileServer: FileServer?
    /// The methods some resource takes, for `OPTIONS *`.
    private let serverMethods: [HTTPMethod]
    private let requestGuard: (@Sendable (Request) -> Response?)?
    /// The order `Allow` lists methods in.
    private static let methodOrder: [HTTPMethod] = [.get, .head, .post, .put, .delete, .patch]
    /// Methods the server knows: on a path that does not take them the answer is 405; any other
    /// method is 501 everywhere (RFC 9110 §15.5.6, §15.6.2).
    private static func isImplemented(_ method: MethodCode) -> Bool {
        switch method {
        case .get, .head, .post, .put, .delete, .patch, .options: true
        case .connect, .trace, .other: false
        }
    }

    private static func isGetOrHead(_ method: MethodCode) -> Bool { method == .get || method == .head }

    init(config: ServerConfig, startedAt: UInt64) {
        requestGuard = config.requestGuard
        if let endpoints = config.endpoints {
            routes = endpoints.map { Route(path: $0.path, methods: $0.methods, handler: $0.handler) }
            fileServer = nil
            serverMethods = Self.methodOrder.filter(routes.flatMap(\.methods).contains)
            return
        }
        let handlers = BuiltinHandlers(config: config, startedAt: startedAt)
        routes = [
            Route(path: "/", methods: [.get, .head], handler: handlers.hello),
            Route(path: "/info", methods: [.get, .head], handler: handlers.info),
            Route(path: "/echo", methods: [.post], handler: handlers.echo),
            Route(path: "/json", methods: [.post], handler: handlers.json),
            Route(path: "/slow", methods: [.get, .head], handler: handlers.slow),
            Route(path: "/chunked", methods: [.get, .head], handler: handlers.chunked),
        ]
        fileServer = config.root.map { FileServer(root: SiteRoot($0, servesDotfiles: config.dotfiles), compresses: config.compress) }
        let taken = routes.flatMap(\.methods) + (fileServer == nil ? [] : [.get, .head])
        serverMethods = Self.methodOrder.filter(taken.contains)
    }

    func respond(_ context: RequestContext) -> Response {
        let request = context.request
        let method = request.methodCode
        if let requestGuard, let refusal = requestGuard(request) { return refusal }
        guard Self.isImplemented(method) else { return .rejection(501) }
        if request.isAsteriskForm { return allow(serverMethods) }
        if let fileServer, Self.isGetOrHead(method), let response = fileServer.respond(to: request) { return response }
        // The path is found once, and each route compares its bytes.
        if let route = request.withPathBytes({ path in routes.first { $0.matches(path) } }) {
            if case .options = method { return allow(route.methods) }
            guard route.takes(method) else { return notAllowed(route.methods) }
            return route.answer(context)
        }
        guard fileServer != nil else { return .text(404, "404 Not Found: no route for this path\n") }
        if case .options = method { return allow([.get, .head]) }
        guard Self.isGetOrHead(method) else { return notAllowed([.get, .head]) }
        return .text(404, "404 Not Found\n")
    }

    private func notAllowed(_ methods: [HTTPMethod]) -> Response {
        .text(405, "405 Method Not Allowed\n", fields: [allowField(methods)])
    }

    private func allow(_ methods: [HTTPMethod]) -> Response {
        Response(status: 204, fields: [allowField(methods)])
    }

    /// `Allow` names what the resource supports (RFC 9110 §10.2.1): its own methods, and OPTIONS,
    /// which every resource answers, so `methods` never lists OPTIONS itself.
    private func allowField(_ methods: [HTTPMethod]) -> (String, String) {
        ("Allow", (methods + [.options]).map(\.description).joined(separator: ", "))
    }
}
