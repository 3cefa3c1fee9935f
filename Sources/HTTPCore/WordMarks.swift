/// Byte tests eight at a time: each returns the high bit of every byte of a little-endian word
/// that passes, from the SWAR tricks "has byte less than n" and "has byte equal to n" (Bit
/// Twiddling Hacks). A borrow can also mark a byte above a marked one, never below, so the lowest
/// mark is exact: `trailingZeroBitCount / 8` is the offset of the first byte that passes. Public
/// (and inlinable) for the log's escape scan too.
public enum WordMarks {
    @inlinable static var ones: UInt64 { 0x0101_0101_0101_0101 }
    @inlinable static var highs: UInt64 { 0x8080_8080_8080_8080 }

    /// Bytes below `limit` (at most 0x80).
    @inlinable @inline(__always)
    public static func below(_ limit: UInt8, in word: UInt64) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highs
    }

    @inlinable @inline(__always)
    public static func equal(to byte: UInt8, in word: UInt64) -> UInt64 {
        let differences = word ^ (ones &* UInt64(byte))
        return (differences &- ones) & ~differences & highs
    }

    /// Bytes of 0x80 and above.
    @inlinable @inline(__always)
    public static func nonASCII(in word: UInt64) -> UInt64 { word & highs }
}
