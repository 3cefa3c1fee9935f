/// String literals (RFC 7541 §5.2): a Huffman flag, a length with a 7-bit prefix, then the octets.
enum HPACKString {
    /// Appends `bytes`, Huffman-coded when that is shorter.
    static func encode(_ bytes: [UInt8], into output: inout [UInt8]) {
        let huffmanLength = HuffmanCode.encodedLength(of: bytes)
        if huffmanLength < bytes.count {
            HPACKInteger.encode(huffmanLength, prefixBits: 7, flags: 0x80, into: &output)
            HuffmanCode.encode(bytes, into: &output)
        } else {
            HPACKInteger.encode(bytes.count, prefixBits: 7, flags: 0, into: &output)
            output.append(contentsOf: bytes)
        }
    }

    /// Reads the string literal at `position` and moves past it. A literal longer on the wire than
    /// `maxLength` is refused before its octets are read.
    static func decode(_ bytes: [UInt8], at position: inout Int, maxLength: Int) throws(HPACKError) -> [UInt8] {
        guard position < bytes.count else { throw .truncated }
        let isHuffman = bytes[position] & 0x80 != 0
        let length = try HPACKInteger.decode(bytes, at: &position, prefixBits: 7)
        guard length <= maxLength else { throw .fieldTooLarge }
        guard length <= bytes.count - position else { throw .truncated }
        let octets = bytes[position..<position + length]
        position += length
        return isHuffman ? try HuffmanCode.decode(octets) : Array(octets)
    }
}
