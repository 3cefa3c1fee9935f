import Foundation
import HTTPCore
import SockeyeText

/// The teaching server's routes (DESIGN.md): `/`, `/info`, `/echo`, `/json`, `/slow`, `/chunked`.
struct BuiltinHandlers: Sendable {
    let config: ServerConfig
    let startedAt: UInt64

    /// Built once: the hottest route costs a copy of a reference, not a page.
    private static let helloResponse = Response(
        status: 200, fields: [("Content-Type", "text/html; charset=utf-8")],
        body: .bytes(Array(("<!doctype html>\n<html><head><title>Sockeye</title></head>"
            + "<body><h1>Hello World!</h1><p>Served by Sockeye over HTTP/1.1.</p></body></html>\n").utf8)))

    var hello: @Sendable (RequestContext) -> Response {
        // Captured, so answering does not go through the static's one-time-initialization check.
        let response = Self.helloResponse
        return { _ in response }
    }

    var info: @Sendable (RequestContext) -> Response {
        { [config, startedAt] context in
            let uptime = Double(context.now &- startedAt) / 1e9
            var body = JSONObjectWriter()
            body.add("connection", context.connection.id)
            body.add("request", context.sequence)
            body.add("peer", context.connection.peer)
            body.add("model", context.connection.model.rawValue)
            body.add("workers", config.workers)
            body.add("uptime_seconds", (uptime * 1000).rounded() / 1000)
            body.add("keep_alive", context.persistent)
            return .json(200, body.json)
        }
    }

    var echo: @Sendable (RequestContext) -> Response {
        { context in
            let type = context.request.fields["content-type"] ?? "text/plain"
            return Response(status: 200, fields: [("Content-Type", type)], body: .bytes(context.request.body))
        }
    }

    /// `{"name": "Alice"}` → a greeting for Alice; anything but a JSON object is 400.
    var json: @Sendable (RequestContext) -> Response {
        { context in
            guard let parsed = try? JSONSerialization.jsonObject(with: Data(context.request.body)),
                  let object = parsed as? [String: Any]
            else {
                var error = JSONObjectWriter()
                error.add("error", "body must be a JSON object")
                return .json(400, error.json)
            }
            let name = (object["name"] as? String) ?? "stranger"
            var greeting = JSONObjectWriter()
            greeting.add("message", "Hello, \(name)!")
            greeting.add("received_keys", strings: object.keys.sorted())
            return .json(200, greeting.json)
        }
    }

    /// Answers after a delay (default from config, `?ms=N` up to the configured maximum): the
    /// head-of-line blocker. The delay is a timer in the driver; nothing sleeps on a loop.
    var slow: @Sendable (RequestContext) -> Response {
        { [config] context in
            var milliseconds = config.slowDefaultMilliseconds
            if let value = QueryString(context.request.query)["ms"] {
                guard let parsed = Int(value), parsed >= 0, parsed <= config.slowMaxMilliseconds else {
                    return .text(400, "400 Bad Request: ms must be 0...\(config.slowMaxMilliseconds)\n")
                }
                milliseconds = parsed
            }
            var response = Response.text(200, "Slow response after \(milliseconds) ms\n")
            response.delay = UInt64(milliseconds) * 1_000_000
            return response
        }
    }

    /// Several chunks spaced in time with `Transfer-Encoding: chunked`.
    var chunked: @Sendable (RequestContext) -> Response {
        { [config] _ in
            let count = config.chunkCount
            let pieces = (1...count).map { Array("chunk \($0) of \(count)\n".utf8) }
            return Response(
                status: 200, fields: [("Content-Type", "text/plain; charset=utf-8")],
                body: .chunks(pieces, interval: UInt64(config.chunkIntervalMilliseconds) * 1_000_000))
        }
    }
}
