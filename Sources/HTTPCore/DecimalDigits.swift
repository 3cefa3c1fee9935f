/// A non-negative integer's decimal digits as ASCII bytes, without building a String (status
/// codes, Content-Length, log lines); written through `ByteWriter.writeDecimal`.
@usableFromInline
enum DecimalDigits {
    /// Calls `body` with each digit's byte, most significant first.
    @inlinable @inline(__always)
    static func forEach(_ value: Int, _ body: (UInt8) -> Void) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            body(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
