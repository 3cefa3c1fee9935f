import HTTPCore
import SockeyeEvents

/// Writes Combined Log Format lines straight into bytes — the log of a busy server formats one
/// line per request, so this avoids String building. Client text is escaped byte by byte as nginx
/// does: `"`, `\`, control bytes and bytes >= 0x7F become `\xNN`.
struct CombinedLogLine {
    private static let months: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private var cachedSecond = -1
    private var cachedTime: [UInt8] = []

    /// `HOST - - [26/Nov/2026:19:03:28 +0000] "GET / HTTP/1.1" 200 143 "referer" "agent"\n`
    mutating func append(_ record: RequestRecord, wallSeconds: Int, to out: inout [UInt8]) {
        appendHost(record.peer, to: &out)
        append(" - - [", to: &out)
        out.append(contentsOf: time(wallSeconds))
        append("] \"", to: &out)
        appendEscaped(record.method, to: &out)
        out.append(UInt8(ascii: " "))
        appendEscaped(record.target, to: &out)
        out.append(UInt8(ascii: " "))
        appendEscaped(record.version, to: &out)
        append("\" ", to: &out)
        DecimalDigits.append(record.status, to: &out)
        out.append(UInt8(ascii: " "))
        if record.bytesOut > 0 { DecimalDigits.append(record.bytesOut, to: &out) } else { out.append(UInt8(ascii: "-")) }
        append(" \"", to: &out)
        appendOptional(record.referer, to: &out)
        append("\" \"", to: &out)
        appendOptional(record.userAgent, to: &out)
        append("\"\n", to: &out)
    }

    /// The address without the port (`127.0.0.1`, or `::1` from `[::1]:port`).
    private func appendHost(_ peer: String, to out: inout [UInt8]) {
        var peer = peer
        peer.withUTF8 { bytes in
            if bytes.first == UInt8(ascii: "[") {
                out.append(contentsOf: bytes.dropFirst().prefix { $0 != UInt8(ascii: "]") })
            } else {
                out.append(contentsOf: bytes.prefix { $0 != UInt8(ascii: ":") })
            }
        }
    }

    private mutating func time(_ seconds: Int) -> [UInt8] {
        if seconds != cachedSecond {
            cachedSecond = seconds
            let (year, month, day) = HTTPDate.civilDate(daysSinceEpoch: seconds / 86_400)
            let second = seconds % 86_400
            var text: [UInt8] = []
            appendTwoDigits(day, to: &text)
            text.append(UInt8(ascii: "/"))
            append(Self.months[month - 1], to: &text)
            text.append(UInt8(ascii: "/"))
            DecimalDigits.append(year, to: &text)
            text.append(UInt8(ascii: ":"))
            appendTwoDigits(second / 3600, to: &text)
            text.append(UInt8(ascii: ":"))
            appendTwoDigits(second / 60 % 60, to: &text)
            text.append(UInt8(ascii: ":"))
            appendTwoDigits(second % 60, to: &text)
            append(" +0000", to: &text)
            cachedTime = text
        }
        return cachedTime
    }

    private func appendOptional(_ text: String?, to out: inout [UInt8]) {
        guard let text else { return out.append(UInt8(ascii: "-")) }
        appendEscaped(text, to: &out)
    }

    private func appendEscaped(_ text: String, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes {
                if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    out.append(byte)
                } else {
                    out.append(UInt8(ascii: "\\"))
                    out.append(UInt8(ascii: "x"))
                    out.append(hex.utf8Start[Int(byte >> 4)])
                    out.append(hex.utf8Start[Int(byte & 0xF)])
                }
            }
        }
    }

    private func append(_ literal: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    private func appendTwoDigits(_ value: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "0") + UInt8(value / 10 % 10))
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
