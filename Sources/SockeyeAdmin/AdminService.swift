import HTTPCore
import SockeyeEvents
import SockeyeServer

/// What the admin listener serves (`--admin`): `/metrics`, `/events` and `/status`, read-only,
/// and with a token, only to requests that carry it.
public struct AdminService: Sendable {
    private let metrics: MetricsExposition
    private let stats: StatsAggregator
    private let feed: EventFeed
    private let identity: ServerIdentity
    private let token: BearerToken?

    public init(counters: ServerCounters, bus: EventBus, stats: StatsAggregator, feed: EventFeed, identity: ServerIdentity,
                token: String?) {
        metrics = MetricsExposition(counters: counters, bus: bus)
        self.stats = stats
        self.feed = feed
        self.identity = identity
        self.token = token.map(BearerToken.init)
    }

    public var endpoints: [Endpoint] {
        [
            Endpoint(path: "/metrics") { [metrics] _ in
                Response(status: 200, fields: [("Content-Type", MetricsExposition.contentType), ("Cache-Control", "no-store")],
                         body: .bytes(Array(metrics.render().utf8)))
            },
            Endpoint(path: "/status") { [stats, identity] _ in
                var response = Response.json(200, StatusDocument(identity: identity, snapshot: stats.snapshot()).json)
                response.head.fields.append(name: "Cache-Control", value: "no-store")
                return response
            },
            Endpoint(path: "/events") { [feed] context in AdminService.events(context, feed: feed) },
        ]
    }

    /// The token check, run before routing; nil when no token is set.
    public var requestGuard: (@Sendable (Request) -> Response?)? {
        guard let token else { return nil }
        return { request in
            if token.admits(request.fields["authorization"]) { return nil }
            // RFC 6750 §3: the challenge names the scheme.
            return .text(401, "401 Unauthorized: this admin endpoint needs Authorization: Bearer TOKEN\n",
                         fields: [("WWW-Authenticate", "Bearer realm=\"sockeye admin\"")])
        }
    }

    /// `/events[?since=N]`: JSON lines, chunked, as they happen.
    private static func events(_ context: RequestContext, feed: EventFeed) -> Response {
        var since = 0
        if let value = QueryString(context.request.query)["since"] {
            guard let parsed = Int(value), parsed >= 0 else {
                return .text(400, "400 Bad Request: since must be a number of events, 0 or more\n")
            }
            since = min(parsed, EventFeed.recentLimit)
        }
        return Response(status: 200, fields: [("Content-Type", "application/x-ndjson"), ("Cache-Control", "no-store")],
                        body: .stream(feed.subscribe(since: since)))
    }
}
