@testable import HPACK
import Testing

/// The encoder against our decoder: what it writes decodes to what it was given, block after block.
@Suite struct EncoderTests {
    /// Encodes each list in turn and decodes it with a decoder that lived as long as the encoder.
    func roundTrip(_ lists: [[HPACKField]], encoder: inout HPACKEncoder, decoder: inout HPACKDecoder) throws {
        for list in lists {
            var block: [UInt8] = []
            encoder.encode(list, into: &block)
            #expect(try decoder.decode(block) == list)
        }
    }

    @Test func theAppendixRequestsEncodeAsAppendixC4() {
        // Our choices match the appendix's for these requests: indexed where the static table has the
        // field, incremental indexing otherwise, Huffman where shorter.
        var encoder = HPACKEncoder()
        let expected = ["8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff", "8286 84be 5886 a8eb 1064 9cbf",
                        "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"]
        for (list, hex) in zip([ExampleTests.request1, ExampleTests.request2, ExampleTests.request3], expected) {
            var block: [UInt8] = []
            encoder.encode(list, into: &block)
            #expect(block == bytes(hex))
        }
    }

    @Test func aRepeatedFieldIsOneOctet() {
        var encoder = HPACKEncoder()
        var first: [UInt8] = []
        encoder.encode([field("x-request-kind", "tile")], into: &first)
        var second: [UInt8] = []
        encoder.encode([field("x-request-kind", "tile")], into: &second)
        #expect(second == [0xBE])
    }

    @Test func credentialsAreNeverIndexed() throws {
        var encoder = HPACKEncoder()
        var decoder = HPACKDecoder()
        let secrets = [field("authorization", "Bearer abc"), field("cookie", "id=42"), field("set-cookie", "id=42; Secure"),
                       field("proxy-authorization", "Basic eA==")]
        var block: [UInt8] = []
        encoder.encode(secrets, into: &block)
        #expect(try decoder.decode(block) == secrets)
        #expect(decoder.dynamicEntries == [])
        // Each representation is "never indexed" (0001xxxx, §6.2.3): the first one starts the block.
        #expect(block[0] & 0xF0 == 0x10)
        // A long cookie is indexed.
        block = []
        encoder.encode([field("cookie", String(repeating: "c", count: 40))], into: &block)
        #expect(try decoder.decode(block).count == 1)
        #expect(decoder.dynamicEntries.count == 1)
    }

    @Test func aFieldLargerThanTheTableGoesWithoutIndexing() throws {
        var encoder = HPACKEncoder(maxTableSize: 64)
        var decoder = HPACKDecoder(maxTableSize: 64)
        try roundTrip([[field("a", "b")], [field("x-big", String(repeating: "v", count: 100)), field("a", "b")]],
                      encoder: &encoder, decoder: &decoder)
        // The small entry survived: the large one was not inserted.
        #expect(decoder.dynamicEntries == [field("a", "b")])
    }

    @Test func manyBlocksWithEviction() throws {
        var encoder = HPACKEncoder(maxTableSize: 256)
        var decoder = HPACKDecoder(maxTableSize: 256)
        var random = SplitMix64(state: 17)
        var lists: [[HPACKField]] = []
        for block in 0..<500 {
            var list = [field(":status", "200"), field("date", "Sun, 06 Dec 2026 03:\(block % 60):00 GMT")]
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                let name = "x-h\(Int.random(in: 0..<12, using: &random))"
                list.append(field(name, String(repeating: "v", count: Int.random(in: 0...40, using: &random))))
            }
            lists.append(list)
        }
        try roundTrip(lists, encoder: &encoder, decoder: &decoder)
    }

    @Test func aTableSizeChangeIsSignalledAndFollowed() throws {
        var encoder = HPACKEncoder()
        var decoder = HPACKDecoder()
        let lists = (0..<20).map { [field("x-n", "\($0)"), field("x-same", "s")] }
        try roundTrip(Array(lists[0..<5]), encoder: &encoder, decoder: &decoder)

        encoder.setMaxTableSize(100)
        var block: [UInt8] = []
        encoder.encode(lists[5], into: &block)
        #expect(block.prefix(2) == [0x3F, 0x45])  // 100 with a 5-bit prefix
        #expect(try decoder.decode(block) == lists[5])
        #expect(decoder.dynamicSize <= 100)
        try roundTrip(Array(lists[6..<10]), encoder: &encoder, decoder: &decoder)

        // Down to 0 and back up before the next block: both are signalled, smallest first (§4.2).
        encoder.setMaxTableSize(0)
        encoder.setMaxTableSize(4096)
        block = []
        encoder.encode(lists[10], into: &block)
        #expect(block.prefix(4) == [0x20, 0x3F, 0xE1, 0x1F])
        #expect(try decoder.decode(block) == lists[10])
        try roundTrip(Array(lists[11...]), encoder: &encoder, decoder: &decoder)
    }

    @Test func theEncoderKeepsAtMostItsLimitWhateverThePeerAllows() throws {
        var encoder = HPACKEncoder()
        encoder.setMaxTableSize(1 << 30)
        var block: [UInt8] = []
        encoder.encode([field("a", "b")], into: &block)
        var sizeUpdate: [UInt8] = []
        HPACKInteger.encode(HPACKEncoder.tableSizeLimit, prefixBits: 5, flags: 0x20, into: &sizeUpdate)
        #expect(Array(block.prefix(sizeUpdate.count)) == sizeUpdate)
        var decoder = HPACKDecoder(maxTableSize: 1 << 30)
        #expect(try decoder.decode(block) == [field("a", "b")])
    }
}
