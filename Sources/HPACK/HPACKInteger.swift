/// Integers with an N-bit prefix (RFC 7541 §5.1): values below 2^N - 1 fit in the prefix; larger
/// ones fill it with ones and continue in 7-bit groups, least significant first.
enum HPACKInteger {
    /// Continuation bytes accepted after the prefix: 4 carry 28 bits, more than any header block
    /// or table size needs, and far from overflowing `Int`.
    static let maxContinuationBytes = 4

    /// Appends `value` with its prefix in the low `prefixBits` of a first byte whose high bits are `flags`.
    static func encode(_ value: Int, prefixBits: Int, flags: UInt8, into output: inout [UInt8]) {
        let prefixMax = (1 << prefixBits) - 1
        if value < prefixMax {
            output.append(flags | UInt8(value))
            return
        }
        output.append(flags | UInt8(prefixMax))
        var rest = value - prefixMax
        while rest >= 0x80 {
            output.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(rest))
    }

    /// Reads an integer whose prefix is the low `prefixBits` of `bytes[position]`, and moves `position` past it.
    static func decode(_ bytes: [UInt8], at position: inout Int, prefixBits: Int) throws(HPACKError) -> Int {
        guard position < bytes.count else { throw .truncated }
        let prefixMax = (1 << prefixBits) - 1
        let prefix = Int(bytes[position]) & prefixMax
        position += 1
        if prefix < prefixMax { return prefix }
        var value = prefixMax
        var shift = 0
        for _ in 0..<maxContinuationBytes {
            guard position < bytes.count else { throw .truncated }
            let byte = bytes[position]
            position += 1
            value += Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw .integerOverflow
    }
}
