/// Appends a non-negative integer's decimal digits to a byte buffer, without building a String
/// (status codes, Content-Length, log lines).
public enum DecimalDigits {
    public static func append(_ value: Int, to output: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
