/// The Huffman code of RFC 7541 §5.2: encoding over `HuffmanTable`, decoding over `HuffmanDecodingTable`.
enum HuffmanCode {
    /// Octets `bytes` take Huffman-coded, padding included.
    static func encodedLength(of bytes: [UInt8]) -> Int {
        var bits = 0
        for byte in bytes { bits += Int(HuffmanTable.lengths[Int(byte)]) }
        return (bits + 7) / 8
    }

    static func encode(_ bytes: [UInt8], into output: inout [UInt8]) {
        var pending: UInt64 = 0
        var pendingBits = 0
        for byte in bytes {
            let length = Int(HuffmanTable.lengths[Int(byte)])
            pending = pending << UInt64(length) | UInt64(HuffmanTable.codes[Int(byte)])
            pendingBits += length
            while pendingBits >= 8 {
                pendingBits -= 8
                output.append(UInt8(truncatingIfNeeded: pending >> UInt64(pendingBits)))
            }
        }
        if pendingBits > 0 {
            // Padding: the most significant bits of EOS, all ones (§5.2).
            output.append(UInt8(truncatingIfNeeded: pending << UInt64(8 - pendingBits)) | UInt8(0xFF >> pendingBits))
        }
    }

    /// Decodes `encoded`. Padding longer than 7 bits, padding that is not all ones, and EOS itself are
    /// errors (§5.2).
    static func decode(_ encoded: ArraySlice<UInt8>) throws(HPACKError) -> [UInt8] {
        let table = HuffmanDecodingTable.shared
        var output: [UInt8] = []
        output.reserveCapacity(encoded.count * 8 / 5)
        var state = 0
        for byte in encoded {
            try follow(table.transitions[state << 4 | Int(byte >> 4)], state: &state, output: &output)
            try follow(table.transitions[state << 4 | Int(byte & 0x0F)], state: &state, output: &output)
        }
        guard table.accepts[state] else { throw .invalidHuffman }
        return output
    }

    @inline(__always)
    private static func follow(_ transition: HuffmanDecodingTable.Transition, state: inout Int,
                               output: inout [UInt8]) throws(HPACKError) {
        if transition.fails { throw .invalidHuffman }
        if transition.emits { output.append(transition.symbol) }
        state = Int(transition.next)
    }
}
