/// Finds CRLF-terminated lines in received bytes (RFC 9112 §2.2). A bare CR or LF is malformed
/// rather than guessed at, and a line that runs past its limit is an error, not a longer wait.
enum CRLFLines {
    static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    /// The line starting at `start`: its content and where the next line starts, or nil while its
    /// CRLF has not arrived. `what` names the line in errors.
    static func line(in bytes: [UInt8], from start: Int, limit: Int, what: String)
        throws(ResponseReadError) -> (content: Range<Int>, next: Int)?
    {
        let searched = start..<min(bytes.count, start + limit)
        guard let lineFeed = bytes[searched].firstIndex(of: lf) else {
            if searched.count >= limit { throw .tooLarge("\(what) longer than \(limit) bytes") }
            return nil
        }
        guard lineFeed > start, bytes[lineFeed - 1] == cr, !bytes[start..<lineFeed - 1].contains(cr) else {
            throw .malformed("\(what) with a bare CR or LF: \(ResponseReadError.quoted(bytes[start...lineFeed]))")
        }
        return (start..<lineFeed - 1, lineFeed + 1)
    }

    /// Lines from `start` up to an empty one: their contents and where the byte after the empty
    /// line is, or nil while incomplete. The whole section, empty line included, is within `limit`.
    static func section(in bytes: [UInt8], from start: Int, limit: Int, what: String)
        throws(ResponseReadError) -> (lines: [Range<Int>], end: Int)?
    {
        var lines: [Range<Int>] = []
        var position = start
        while true {
            let found: (content: Range<Int>, next: Int)?
            do {
                found = try line(in: bytes, from: position, limit: start + limit - position, what: what)
            } catch ResponseReadError.tooLarge {
                throw .tooLarge("\(what) longer than \(limit) bytes")
            }
            guard let (content, next) = found else { return nil }
            if content.isEmpty { return (lines, next) }
            lines.append(content)
            position = next
        }
    }
}
