import HTTPCore
import SockeyeEvents

/// Writes Combined Log Format lines straight into bytes — the log of a busy server formats one
/// line per request, so this avoids String building. Client text is escaped byte by byte as nginx
/// does: `"`, `\`, control bytes and bytes >= 0x7F become `\xNN`.
struct CombinedLogLine: ~Copyable {
    private static let months: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private var cachedSecond = -1
    /// ` - - [26/Nov/2026:19:03:28 +0000] "`: everything between host and method, remade once a
    /// second and written with one copy.
    private var cachedStamp: [UInt8] = []
    /// The host and the stamp together, for the last peer logged.
    private var prefix = LinePrefix()

    /// `HOST - - [26/Nov/2026:19:03:28 +0000] "GET / HTTP/1.1" 200 143 "referer" "agent"\n`
    mutating func append(_ record: RequestRecord, wallSeconds: Int, to out: inout LogBuffer) {
        updateStamp(wallSeconds)
        record.withTexts { texts in
            let summary = texts.summary
            // With the request line's closing quote: one piece to write.
            let version: StaticString = switch summary.pointee.version {
            case .http10: "HTTP/1.0\" "
            case .http11: "HTTP/1.1\" "
            case .http2: "HTTP/2.0\" "
            }
            let peer = texts[.peer] ?? UnsafeBufferPointer(start: nil, count: 0), method = texts[.method]
            let target = texts[.target], agent = texts[.userAgent], referer = texts[.referer]
            let start = prefix.matches(peer) || remakePrefix(for: peer) ? prefix.written : nil
            // The quoted texts lie back to back before the peer: nearly always none needs escaping,
            // and one scan of them all says so.
            let plain = !EscapeScan.anyNeedsEscape(texts.bytes(before: .peer))
            // The fixed text, the time, two numbers and the version take < 112 bytes; an escaped
            // byte takes 4.
            let variable = peer.count
                + 4 * ((method?.count ?? 0) + (target?.count ?? 0) + (agent?.count ?? 1) + (referer?.count ?? 1))
            out.append(atMost: 112 + variable) { writer in
                if let start {
                    writer.write(start)
                } else {
                    writer.write(Self.host(of: peer))
                    cachedStamp.withUnsafeBufferPointer { writer.write($0) }
                }
                Self.writeQuoted(method, plain: plain, to: &writer)
                writer.write(UInt8(ascii: " "))
                Self.writeQuoted(target, plain: plain, to: &writer)
                writer.write(UInt8(ascii: " "))
                writer.write(version)
                Self.writeStatusToEnd(status: summary.pointee.status, bytesOut: summary.pointee.bytesOut,
                                      referer: referer, agent: agent, plain: plain, to: &writer)
            }
        }
    }

    /// Keeps the prefix for `peer`; false when it is too long to keep.
    private mutating func remakePrefix(for peer: UnsafeBufferPointer<UInt8>) -> Bool {
        cachedStamp.withUnsafeBufferPointer { prefix.remake(peer: peer, host: Self.host(of: peer), stamp: $0) }
    }

    /// A request refused before it was served (`400`, `408`, `431`, the connection limit's `503`):
    /// logged as nginx does, with `"-"` for the request line it did not accept.
    /// `HOST - - [26/Nov/2026:19:03:28 +0000] "-" 400 157 "-" "-"\n`
    mutating func appendRejection(peer: String, status: Int, bytesOut: Int, wallSeconds: Int, to out: inout LogBuffer) {
        updateStamp(wallSeconds)
        var peer = peer
        peer.withUTF8 { peer in
            out.append(atMost: 112 + peer.count) { writer in
                writer.write(Self.host(of: peer))
                cachedStamp.withUnsafeBufferPointer { writer.write($0) }
                writer.write("-\" ")
                Self.writeStatusToEnd(status: status, bytesOut: bytesOut, referer: nil, agent: nil, plain: true, to: &writer)
            }
        }
    }

    /// From the status to the newline: `200 143 "referer" "agent"\n`.
    private static func writeStatusToEnd(status: Int, bytesOut: Int, referer: UnsafeBufferPointer<UInt8>?,
                                         agent: UnsafeBufferPointer<UInt8>?, plain: Bool, to writer: inout ByteWriter) {
        writer.writeDecimal(status)
        writer.write(UInt8(ascii: " "))
        if bytesOut > 0 { writer.writeDecimal(bytesOut) } else { writer.write(UInt8(ascii: "-")) }
        // Most requests from scripts and load tools send neither: one piece then.
        guard referer != nil || agent != nil else { return writer.write(" \"-\" \"-\"\n") }
        writer.write(" \"")
        writeQuoted(referer, plain: plain, to: &writer)
        writer.write("\" \"")
        writeQuoted(agent, plain: plain, to: &writer)
        writer.write("\"\n")
    }

    /// The address without the port (`127.0.0.1`, or `::1` from `[::1]:port`). The port's colon
    /// is searched from the end: it is at most six bytes back, the address's start up to 40.
    private static func host(of peer: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if peer.first == UInt8(ascii: "[") {
            let end = peer.lastIndex(of: UInt8(ascii: "]")) ?? peer.endIndex
            return UnsafeBufferPointer(rebasing: peer[1..<end])
        }
        return UnsafeBufferPointer(rebasing: peer[..<(peer.lastIndex(of: UInt8(ascii: ":")) ?? peer.endIndex)])
    }

    @inline(__always)
    private mutating func updateStamp(_ seconds: Int) {
        if seconds != cachedSecond { remakeStamp(seconds) }
    }

    @inline(never)
    private mutating func remakeStamp(_ seconds: Int) {
        cachedSecond = seconds
        prefix.forget()
        let (year, month, day) = HTTPDate.civilDate(daysSinceEpoch: seconds / 86_400)
        let second = seconds % 86_400
        cachedStamp = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            var writer = ByteWriter(buffer)
            writer.write(" - - [")
            Self.writeTwoDigits(day, to: &writer)
            writer.write(UInt8(ascii: "/"))
            writer.write(Self.months[month - 1])
            writer.write(UInt8(ascii: "/"))
            writer.writeDecimal(year)
            writer.write(UInt8(ascii: ":"))
            Self.writeTwoDigits(second / 3600, to: &writer)
            writer.write(UInt8(ascii: ":"))
            Self.writeTwoDigits(second / 60 % 60, to: &writer)
            writer.write(UInt8(ascii: ":"))
            Self.writeTwoDigits(second % 60, to: &writer)
            writer.write(" +0000] \"")
            return Array(writer.written)
        }
    }

    /// `bytes`, escaped unless `plain` says none of the line's texts needs it, or `-` when absent.
    private static func writeQuoted(_ bytes: UnsafeBufferPointer<UInt8>?, plain: Bool, to writer: inout ByteWriter) {
        guard let bytes else { return writer.write(UInt8(ascii: "-")) }
        if plain { writer.write(bytes) } else { writeEscaped(bytes, to: &writer) }
    }

    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to writer: inout ByteWriter) {
        if !EscapeScan.anyNeedsEscape(bytes) { return writer.write(bytes) }
        let hex: StaticString = "0123456789abcdef"
        for byte in bytes {
            if EscapeScan.needsEscape(byte) {
                writer.write(UInt8(ascii: "\\"))
                writer.write(UInt8(ascii: "x"))
                writer.write(hex.utf8Start[Int(byte >> 4)])
                writer.write(hex.utf8Start[Int(byte & 0xF)])
            } else {
                writer.write(byte)
            }
        }
    }

    private static func writeTwoDigits(_ value: Int, to writer: inout ByteWriter) {
        writer.write(UInt8(ascii: "0") + UInt8(value / 10 % 10))
        writer.write(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
