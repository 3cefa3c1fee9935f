/// A non-negative integer's decimal digits as ASCII bytes, without building a String (status
/// codes, Content-Length, log lines); written through `ByteWriter.writeDecimal`. Two digits at a
/// time from a table, last first: one division by the constant 100 (a multiply) per pair, where
/// a digit at a time from the first paid a `div` by a running power of ten for each.
@usableFromInline
enum DecimalDigits {
    /// "00" through "99", back to back.
    @usableFromInline static let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    @inlinable @inline(__always)
    static func count(_ value: UInt) -> Int {
        // Statuses and most sizes in a log line: no division to count them.
        if value < 1000 { return value < 10 ? 1 : value < 100 ? 2 : 3 }
        var count = 1, rest = value
        while rest >= 100 {
            count &+= 2
            rest /= 100
        }
        return rest >= 10 ? count &+ 1 : count
    }

    /// Writes `value`'s `count(value)` digits into the bytes just before `end`.
    @inlinable @inline(__always)
    static func write(_ value: UInt, endingAt end: UnsafeMutablePointer<UInt8>) {
        var rest = value, end = UnsafeMutableRawPointer(end)
        let table = UnsafeRawPointer(pairs.utf8Start)
        if value < 1000 && value >= 100 {
            // Three digits (a status): the first digit, then the last two from the table.
            let high = value / 100
            end.storeBytes(of: table.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: value &- high &* 100) &* 2,
                                                   as: UInt16.self), toByteOffset: -2, as: UInt16.self)
            (end - 3).storeBytes(of: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: high), as: UInt8.self)
            return
        }
        while rest >= 100 {
            let pair = Int(truncatingIfNeeded: rest % 100)
            rest /= 100
            end -= 2
            end.storeBytes(of: table.loadUnaligned(fromByteOffset: pair &* 2, as: UInt16.self), as: UInt16.self)
        }
        if rest >= 10 {
            end -= 2
            end.storeBytes(of: table.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: rest) &* 2, as: UInt16.self),
                           as: UInt16.self)
        } else {
            (end - 1).storeBytes(of: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest), as: UInt8.self)
        }
    }
}
