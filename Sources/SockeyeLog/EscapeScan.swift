import HTTPCore

/// Finds whether client text needs escaping in a log line — a control byte, DEL, a byte >= 0x80,
/// `"` or `\` — eight bytes at a time (`WordMarks`): nearly every line has none, and then the text
/// is copied whole.
enum EscapeScan {
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    static func anyNeedsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base), count = bytes.count
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                if wordNeedsEscape(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) { return true }
                offset += 8
            }
            // The last eight bytes, overlapping some already checked: no byte-by-byte tail.
            return wordNeedsEscape(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
        if count >= 4 {
            // Four to seven bytes: the first four and the last four, overlapping.
            let first = UInt64(raw.loadUnaligned(as: UInt32.self))
            let last = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return wordNeedsEscape(first | last << 32)
        }
        return bytes.contains(where: needsEscape)
    }

    private static func wordNeedsEscape(_ word: UInt64) -> Bool {
        WordMarks.below(0x20, in: word) | WordMarks.equal(to: 0x7F, in: word) | WordMarks.nonASCII(in: word)
            | WordMarks.equal(to: UInt8(ascii: "\""), in: word) | WordMarks.equal(to: UInt8(ascii: "\\"), in: word) != 0
    }
}
