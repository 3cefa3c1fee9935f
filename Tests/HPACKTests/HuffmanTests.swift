@testable import HPACK
import Testing

/// The Huffman code of RFC 7541 §5.2 and Appendix B.
@Suite struct HuffmanTests {
    /// Strings and codes from Appendix C.4 and C.6.
    static let appendixStrings: [(String, String)] = [
        ("www.example.com", "f1e3 c2e5 f23a 6ba0 ab90 f4ff"),
        ("no-cache", "a8eb 1064 9cbf"),
        ("custom-key", "25a8 49e9 5ba9 7d7f"),
        ("custom-value", "25a8 49e9 5bb8 e8b4 bf"),
        ("302", "6402"),
        ("private", "aec3 771a 4b"),
        ("Mon, 21 Oct 2013 20:13:21 GMT", "d07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff"),
        ("https://www.example.com", "9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3"),
        ("gzip", "9bd9 ab"),
    ]

    @Test func encodesAndDecodesTheAppendixStrings() throws {
        for (text, hex) in Self.appendixStrings {
            var encoded: [UInt8] = []
            HuffmanCode.encode(Array(text.utf8), into: &encoded)
            #expect(encoded == bytes(hex), "\(text)")
            #expect(HuffmanCode.encodedLength(of: Array(text.utf8)) == encoded.count)
            #expect(try HuffmanCode.decode(bytes(hex)[...]) == Array(text.utf8))
        }
    }

    @Test func theTableIsAppendixB() {
        #expect(HuffmanTable.codes.count == 257)
        #expect(HuffmanTable.lengths.count == 257)
        // A few rows of Appendix B: ' ' (32), '0' (48), 'a' (97), 255, EOS.
        #expect(HuffmanTable.codes[32] == 0x14 && HuffmanTable.lengths[32] == 6)
        #expect(HuffmanTable.codes[48] == 0x0 && HuffmanTable.lengths[48] == 5)
        #expect(HuffmanTable.codes[97] == 0x3 && HuffmanTable.lengths[97] == 5)
        #expect(HuffmanTable.codes[255] == 0x3ff_ffee && HuffmanTable.lengths[255] == 26)
        #expect(HuffmanTable.codes[256] == 0x3fff_ffff && HuffmanTable.lengths[256] == 30)
    }

    @Test func roundTripsEveryOctetAndRandomStrings() throws {
        let everyOctet = (0...255).map(UInt8.init)
        var random = SplitMix64(state: 7541)
        var strings = [everyOctet, everyOctet.reversed(), []]
        for _ in 0..<200 { strings.append((0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }) }
        for string in strings {
            var encoded: [UInt8] = []
            HuffmanCode.encode(string, into: &encoded)
            #expect(try HuffmanCode.decode(encoded[...]) == string)
        }
    }

    @Test func paddingLongerThanSevenBitsIsAnError() {
        // "0" is 00000 (5 bits); then 11 one bits of padding.
        #expect(throws: HPACKError.invalidHuffman) { try HuffmanCode.decode([0b0000_0111, 0xFF][...]) }
        // Padding alone, a whole octet.
        #expect(throws: HPACKError.invalidHuffman) { try HuffmanCode.decode([0xFF][...]) }
    }

    @Test func paddingNotAllOnesIsAnError() {
        // "0" then 110: a prefix of no symbol's completion, and not EOS's most significant bits.
        #expect(throws: HPACKError.invalidHuffman) { try HuffmanCode.decode([0b0000_0110][...]) }
    }

    @Test func endOfStringIsAnError() {
        // EOS (30 ones) then two one bits of padding.
        #expect(throws: HPACKError.invalidHuffman) { try HuffmanCode.decode([0xFF, 0xFF, 0xFF, 0xFF][...]) }
        // "0" then EOS, padded.
        #expect(throws: HPACKError.invalidHuffman) { try HuffmanCode.decode([0x07, 0xFF, 0xFF, 0xFF, 0xFF][...]) }
    }

    @Test func paddingUpToSevenOnesIsAccepted() throws {
        // "a" is 00011: one "a" leaves 3 bits of padding, five leave 7.
        #expect(try HuffmanCode.decode([0b0001_1111][...]) == Array("a".utf8))
        #expect(try HuffmanCode.decode([0x18, 0xC6, 0x31, 0xFF][...]) == Array("aaaaa".utf8))
    }

    @Test func anInvalidHuffmanLiteralFailsTheBlock() {
        // Literal without indexing, name :path (4), value Huffman-coded, one octet of padding only.
        #expect(decodingError([0x04, 0x81, 0xFF]) == .invalidHuffman)
    }

    @Test func theDecodingAutomatonHasOneStatePerInternalNode() {
        // 257 leaves of a full binary tree: 256 internal nodes, 16 transitions each.
        #expect(HuffmanDecodingTable.shared.transitions.count == 256 * 16)
        // Strings may end at the root or after 1 to 7 one bits.
        #expect(HuffmanDecodingTable.shared.accepts.filter { $0 }.count == 8)
    }

    /// The automaton against the rules read literally, bit by bit, on short random octet strings: most
    /// are invalid somewhere (bad padding, EOS), so both verdicts are exercised.
    @Test func agreesWithABitByBitDecoderOnRandomOctets() {
        var random = SplitMix64(state: 5)
        var valid = 0
        for _ in 0..<20_000 {
            let encoded = (0..<Int.random(in: 0...6, using: &random)).map { _ in
                // Runs of ones are where padding and EOS live: make them common.
                Bool.random(using: &random) ? 0xFF : UInt8.random(in: 0...255, using: &random)
            }
            let expected = bitByBitDecode(encoded)
            let actual = try? HuffmanCode.decode(encoded[...])
            #expect(actual == expected, "\(encoded)")
            if expected != nil { valid += 1 }
        }
        #expect(valid > 1000)
    }

    /// Each symbol by its length and code, `length << 32 | code`.
    static let symbolOfCode: [Int: Int] = Dictionary(uniqueKeysWithValues: (0...256).map {
        (Int(HuffmanTable.lengths[$0]) << 32 | Int(HuffmanTable.codes[$0]), $0)
    })

    /// RFC 7541 §5.2 as written: match codes bit by bit; at the end at most 7 bits may remain, all ones.
    func bitByBitDecode(_ encoded: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        var code = 0
        var length = 0
        for byte in encoded {
            for shift in stride(from: 7, through: 0, by: -1) {
                code = code << 1 | Int(byte >> UInt8(shift)) & 1
                length += 1
                guard let symbol = Self.symbolOfCode[length << 32 | code] else { continue }
                if symbol == 256 { return nil }
                output.append(UInt8(symbol))
                code = 0
                length = 0
            }
        }
        return length <= 7 && code == (1 << length) - 1 ? output : nil
    }
}
