/// The Huffman code of RFC 7541 §5.2 over `HuffmanTable`. The code is canonical (codes of one length
/// are consecutive and in symbol order, each length's first code follows the previous length's last),
/// so decoding needs only, per length, the first code, the count, and where its symbols start.
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
        let canonical = CanonicalDecoding.shared
        var output: [UInt8] = []
        output.reserveCapacity(encoded.count * 8 / 5)
        var code = 0
        var codeLength = 0
        var allOnes = true
        for byte in encoded {
            for shift in stride(from: 7, through: 0, by: -1) {
                let bit = Int(byte >> UInt8(shift)) & 1
                code = code << 1 | bit
                codeLength += 1
                allOnes = allOnes && bit == 1
                let rank = code - canonical.firstCode[codeLength]
                guard rank < canonical.count[codeLength] else { continue }
                let symbol = canonical.symbols[canonical.firstSymbol[codeLength] + rank]
                if symbol == HuffmanTable.endOfString { throw .invalidHuffman }
                output.append(UInt8(symbol))
                code = 0
                codeLength = 0
                allOnes = true
            }
        }
        guard codeLength <= 7, allOnes else { throw .invalidHuffman }
        return output
    }
}

/// Per code length (index 0...30), what canonical decoding needs. A code in progress of length L is a
/// complete code exactly when `code - firstCode[L] < count[L]`: a prefix of a longer code is greater
/// than every code of its length.
private struct CanonicalDecoding: Sendable {
    static let shared = CanonicalDecoding()

    static let longestCode = 30

    /// Symbols ordered by code length, then symbol: the order of their codes.
    let symbols: [Int]
    let firstCode: [Int]
    let count: [Int]
    /// Position in `symbols` of each length's first symbol.
    let firstSymbol: [Int]

    init() {
        let lengths = HuffmanTable.lengths.map(Int.init)
        var count = [Int](repeating: 0, count: Self.longestCode + 1)
        for length in lengths { count[length] += 1 }
        var firstCode = [Int](repeating: 0, count: Self.longestCode + 1)
        var firstSymbol = [Int](repeating: 0, count: Self.longestCode + 1)
        var code = 0
        var symbolPosition = 0
        for length in 1...Self.longestCode {
            firstCode[length] = code
            firstSymbol[length] = symbolPosition
            code = (code + count[length]) << 1
            symbolPosition += count[length]
        }
        self.symbols = lengths.indices.sorted { (lengths[$0], $0) < (lengths[$1], $1) }
        self.count = count
        self.firstCode = firstCode
        self.firstSymbol = firstSymbol
    }
}
