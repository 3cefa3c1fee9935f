import SockeyeEvents

/// `GET /metrics`: the server's exact counters in the Prometheus text format, named by its
/// conventions (`sockeye_` prefix, base units, `_total` counters). Reads atomics and a few
/// kernel files, never the connection table, so a scrape costs the same at any load.
struct MetricsExposition: Sendable {
    let counters: ServerCounters
    let bus: EventBus

    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    func render() -> String {
        var out = PrometheusText()
        requests(&out)
        connections(&out)
        out.single("sockeye_received_bytes_total", .counter, help: "Request body bytes received by served requests.",
                   Double(counters.bytesIn.load(ordering: .relaxed)))
        out.single("sockeye_sent_bytes_total", .counter, help: "Response bytes queued for clients, rejections included.",
                   Double(counters.bytesOut.load(ordering: .relaxed)))
        out.family("sockeye_tls_handshakes_total", .counter, help: "TLS handshakes by result.")
        out.sample("sockeye_tls_handshakes_total", labels: [("result", "ok")], counters.tlsHandshakes.load(ordering: .relaxed))
        out.sample("sockeye_tls_handshakes_total", labels: [("result", "failed")], counters.tlsFailures.load(ordering: .relaxed))
        out.single("sockeye_events_dropped_total", .counter,
                   help: "Events the views lost because they lagged (the counts here never do).", Double(bus.droppedCount))
        process(&out)
        return out.text
    }

    private func requests(_ out: inout PrometheusText) {
        out.family("sockeye_http_requests_total", .counter, help: "Requests answered by a handler, by method and status code.")
        for served in counters.servedByMethod {
            out.sample("sockeye_http_requests_total", labels: [("method", served.method), ("code", String(served.status))], served.count)
        }
        let bounds = DurationHistogram.bounds.map(PrometheusText.format)
        let durations = counters.durations.reading
        out.histogram("sockeye_http_request_duration_seconds",
                      help: "From a request's head received to its response's last byte queued, waits included.",
                      bounds: bounds, cumulative: durations.cumulative, sum: durations.sumSeconds)
        let waits = counters.waits.reading
        out.histogram("sockeye_hol_wait_seconds",
                      help: "Head-of-line wait of the requests that waited behind an earlier response on their connection.",
                      bounds: bounds, cumulative: waits.cumulative, sum: waits.sumSeconds)
        let outcomes = counters.outcomeTally
        out.family("sockeye_http_rejections_total", .counter,
                   help: "Requests refused before any handler saw them, by status code and reason.")
        for (key, count) in outcomes.rejectionsByReason.sorted(by: { $0.key < $1.key }) {
            let code = key.prefix { $0 != " " }
            let reason = key.dropFirst(code.count).drop { $0 == " " }
            out.sample("sockeye_http_rejections_total", labels: [("code", String(code)), ("reason", String(reason))], count)
        }
    }

    private func connections(_ out: inout PrometheusText) {
        out.single("sockeye_connections_open", .gauge, help: "Connections open now.",
                   Double(counters.connectionsActive.load(ordering: .relaxed)))
        out.single("sockeye_connections_accepted_total", .counter, help: "Connections accepted.",
                   Double(counters.connectionsAccepted.load(ordering: .relaxed)))
        out.single("sockeye_connections_refused_total", .counter, help: "Connections refused at the connection limit (503).",
                   Double(counters.connectionsRefused.load(ordering: .relaxed)))
        let outcomes = counters.outcomeTally
        out.family("sockeye_connections_closed_total", .counter, help: "Connections closed, by reason.")
        for reason in CloseReason.allCases {
            out.sample("sockeye_connections_closed_total", labels: [("reason", Self.label(reason))], outcomes.closeReasons[reason] ?? 0)
        }
        // The tally's buckets are 0, 1, 2, 3–5, 6–10, 11–100 and more: cumulative at those bounds.
        var running = 0
        let cumulative = outcomes.requestsPerConnection.map { running += $0; return running }
        out.histogram("sockeye_connection_requests", help: "Requests served per closed connection (keep-alive reuse).",
                      bounds: ["0", "1", "2", "5", "10", "100"], cumulative: cumulative,
                      sum: Double(outcomes.requestsOnClosedConnections))
    }

    private func process(_ out: inout PrometheusText) {
        let process = ProcessMetrics.read()
        out.single("process_cpu_seconds_total", .counter, help: "Total user and system CPU time spent in seconds.", process.cpuSeconds)
        out.single("process_resident_memory_bytes", .gauge, help: "Resident memory size in bytes.", Double(process.residentBytes))
        out.single("process_virtual_memory_bytes", .gauge, help: "Virtual memory size in bytes.", Double(process.virtualBytes))
        out.single("process_open_fds", .gauge, help: "Number of open file descriptors.", Double(process.openFileDescriptors))
        out.single("process_max_fds", .gauge, help: "Maximum number of open file descriptors.", Double(process.maxFileDescriptors))
        out.single("process_start_time_seconds", .gauge, help: "Start time of the process since unix epoch in seconds.",
                   ProcessMetrics.startTimeSeconds)
    }

    /// `idleTimeout` → `idle_timeout`: label values a query can name without quoting trouble.
    static func label(_ reason: CloseReason) -> String {
        var label = ""
        for character in String(describing: reason) {
            if character.isUppercase {
                label += "_" + character.lowercased()
            } else {
                label.append(character)
            }
        }
        return label
    }
}
