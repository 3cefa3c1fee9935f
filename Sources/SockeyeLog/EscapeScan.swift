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
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            if wordNeedsEscape(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) { return true }
            offset += 8
        }
        while offset < bytes.count {
            if needsEscape(bytes[offset]) { return true }
            offset += 1
        }
        return false
    }

    private static func wordNeedsEscape(_ word: UInt64) -> Bool {
        WordMarks.below(0x20, in: word) | WordMarks.equal(to: 0x7F, in: word) | WordMarks.nonASCII(in: word)
            | WordMarks.equal(to: UInt8(ascii: "\""), in: word) | WordMarks.equal(to: UInt8(ascii: "\\"), in: word) != 0
    }
}
