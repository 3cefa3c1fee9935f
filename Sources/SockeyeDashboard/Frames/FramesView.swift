import SockeyeEvents

/// One HTTP/2 connection's frames in place of the panes, as `nghttp -v` lists them: time from its
/// first frame shown, direction, type, stream, length and flags, newest last.
enum FramesView {
    static func draw(into screen: inout Screen, rect: Rect, snapshot: StatsSnapshot, connection id: UInt64) {
        guard rect.height >= 3, rect.width >= 20 else { return }
        let frames = snapshot.frames[id] ?? []
        let row = snapshot.connections.first { $0.id == id && $0.instance == 0 }
        let title = SummaryLine(items: [
            .init("Frames of connection #\(id)", priority: 4), .init(row.map { $0.peer } ?? "closed", priority: 1),
            .init("\(frames.count) kept", priority: 2), .init("(Esc back)", priority: 3),
        ])
        screen.put(String(repeating: "─", count: rect.width), x: rect.x, y: rect.y, style: .focusedTitle)
        screen.put("▶ " + title.text(width: rect.width - 3) + " ", x: rect.x, y: rect.y, style: .focusedTitle, limit: rect.width)
        guard !frames.isEmpty else {
            let why = row?.protocolName == .http1 ? "an HTTP/1.1 connection has no frames: Enter shows its timeline"
                : "no frames kept for this connection (they are kept for the last \(RecentFrames.connections) HTTP/2 connections)"
            screen.put(Format.truncated(why, to: rect.width - 1), x: rect.x + 1, y: rect.y + 1, style: .dim)
            return
        }
        let origin = frames[0].at
        for (offset, frame) in frames.suffix(rect.height - 1).enumerated() {
            screen.put(Format.truncated(line(frame, origin: origin), to: rect.width - 1), x: rect.x + 1, y: rect.y + 1 + offset,
                       style: frame.sent ? .normal : .bold)
        }
    }

    /// `[  0.008] recv HEADERS       stream=13  length=53     END_HEADERS | END_STREAM`.
    static func line(_ frame: FrameRecord, origin: UInt64) -> String {
        let milliseconds = (frame.at &- origin) / 1_000_000
        let seconds = "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - "\(milliseconds % 1000)".count))\(milliseconds % 1000)"
        let time = "[" + String(repeating: " ", count: max(0, 8 - seconds.count)) + seconds + "]"
        let name = typeName(frame.type)
        let flags = flagNames(type: frame.type, flags: frame.flags)
        return "\(time) \(frame.sent ? "send" : "recv") \(pad(name, 13)) \(pad("stream=\(frame.stream)", 12)) "
            + "\(pad("length=\(frame.length)", 14))\(flags.isEmpty ? "" : " " + flags)"
    }

    private static func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }

    /// RFC 9113 §6 names; an unknown type by its number.
    static func typeName(_ type: UInt8) -> String {
        let names = ["DATA", "HEADERS", "PRIORITY", "RST_STREAM", "SETTINGS", "PUSH_PROMISE", "PING", "GOAWAY",
                     "WINDOW_UPDATE", "CONTINUATION"]
        return Int(type) < names.count ? names[Int(type)] : "type 0x" + String(type, radix: 16)
    }

    /// The flags that mean something for the type (RFC 9113 §6).
    static func flagNames(type: UInt8, flags: UInt8) -> String {
        var names: [String] = []
        switch type {
        case 0x0, 0x1:
            if flags & 0x1 != 0 { names.append("END_STREAM") }
            if type == 0x1 && flags & 0x4 != 0 { names.append("END_HEADERS") }
            if flags & 0x8 != 0 { names.append("PADDED") }
            if type == 0x1 && flags & 0x20 != 0 { names.append("PRIORITY") }
        case 0x4, 0x6:
            if flags & 0x1 != 0 { names.append("ACK") }
        case 0x5, 0x9:
            if flags & 0x4 != 0 { names.append("END_HEADERS") }
        default:
            break
        }
        return names.joined(separator: " | ")
    }
}
