import SockeyeEvents
import SockeyeText

/// A fleet's servers, one line each under the header (`sockeye top URL URL…`): tag, address,
/// up or down, req/s, open connections, p99 head-of-line wait and errors; a server that is down
/// says why and when it is tried again. One server watched from outside gets a line only while it
/// is down: while up, the header is it.
enum FleetView {
    /// Lines kept for the panes below: the fleet never takes more than a third of the screen.
    static func lineCount(_ snapshot: StatsSnapshot, height: Int) -> Int {
        let shown = snapshot.instances.count > 1 || snapshot.instances.contains { !$0.isUp }
        return shown ? min(snapshot.instances.count, max(1, height / 3 - 2)) : 0
    }

    static func draw(into screen: inout Screen, snapshot: StatsSnapshot, y: Int, lines: Int) {
        guard lines > 0 else { return }
        let shown = Array(snapshot.instances.prefix(lines))
        let hidden = snapshot.instances.count - shown.count
        let table = Table([
            .text("", width: 1, minimum: 1, priority: 9),
            .text("", width: min(shown.map { name($0).count }.max() ?? 0, 30), minimum: 12, priority: 8),
            .text("", width: 4, minimum: 4, priority: 7),
            .text("", width: 40, minimum: 10, priority: 6, grows: true),
        ], width: screen.width - 1)
        for (index, instance) in shown.enumerated() {
            var detail = detail(instance, now: snapshot.takenAt)
            if hidden > 0 && index == shown.count - 1 { detail += "  (+\(hidden) more)" }
            let spans = table.row([
                .init(instance.tag, style: .bold),
                .init(name(instance)),
                .init(instance.isUp ? "up" : "DOWN", style: instance.isUp ? .status2xx : .status5xx),
                .init(detail),
            ], style: instance.isUp ? .normal : .dim)
            for span in spans { screen.put(span.text, x: span.x, y: y + index, style: span.style) }
        }
    }

    private static func name(_ instance: InstanceStatus) -> String {
        SafeText.escape(instance.address ?? instance.endpoint)
    }

    private static func detail(_ instance: InstanceStatus, now: UInt64) -> String {
        guard instance.isUp else {
            let retry = instance.retryAt.map { $0 > now ? ", retry in \(Format.age($0 - now + 999_999_999))" : ", retrying" } ?? ""
            return SafeText.escape(instance.problem ?? "no answer") + retry
        }
        return "\(instance.requestsPerSecond) req/s  open \(instance.connectionsOpen)  p99 wait \(Format.duration(instance.waitP99))"
            + "  errors \(instance.errors)"
    }
}
