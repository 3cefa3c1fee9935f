/// Finds whether client text needs escaping in a log line — a control byte, DEL, a byte >= 0x80,
/// `"` or `\` — eight bytes at a time: nearly every line has none, and then the text is copied
/// whole. The word tests are the classic "has a byte less than n" bit tricks (exact, no false
/// answers for "is there one").
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

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Some byte is < `limit` (`limit` <= 0x80).
    private static func hasByte(below limit: UInt8, in word: UInt64) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highBits != 0
    }

    private static func wordNeedsEscape(_ word: UInt64) -> Bool {
        // >= 0x80 sets the high bit; 0x7F sets it once 1 is added (a carry only leaves a byte
        // that is 0xFF, which is flagged already).
        let highOrDelete = (word | (word &+ ones)) & highBits != 0
        return highOrDelete || hasByte(below: 0x20, in: word)
            || hasByte(below: 1, in: word ^ (ones &* UInt64(UInt8(ascii: "\""))))
            || hasByte(below: 1, in: word ^ (ones &* UInt64(UInt8(ascii: "\\"))))
    }
}
