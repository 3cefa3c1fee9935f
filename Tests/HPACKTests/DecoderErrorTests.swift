@testable import HPACK
import Testing

/// Blocks a decoder must refuse (RFC 7541 §2.3.3, §4.2, §5, §6.3) and the header list limit.
@Suite struct DecoderErrorTests {
    @Test func indexZeroIsInvalid() {
        #expect(decodingError([0x80]) == .invalidIndex(0))
    }

    @Test func anIndexBeyondBothTablesIsInvalid() {
        // 62 with an empty dynamic table.
        #expect(decodingError([0xBE]) == .invalidIndex(62))
        // A literal's name index, too.
        #expect(decodingError([0x7F, 0x00, 0x01, 0x61]) == .invalidIndex(63))
        // One entry in the dynamic table: 62 is valid, 63 is not.
        var decoder = HPACKDecoder()
        #expect(decodingError(bytes("4001 6101 62") + [0xBE, 0xBF], decoder: &decoder) == .invalidIndex(63))
    }

    @Test func truncatedRepresentations() {
        // An index whose integer goes on past the block.
        #expect(decodingError([0xFF]) == .truncated)
        // A literal name with no value.
        #expect(decodingError(bytes("4001 61")) == .truncated)
        // A value shorter than its length says.
        #expect(decodingError(bytes("4001 6105 6263")) == .truncated)
        // A name index and nothing after.
        #expect(decodingError([0x44]) == .truncated)
    }

    @Test func aSizeUpdateAboveTheAdvertisedMaximumIsRefused() {
        // 4097 with a 5-bit prefix: 3f e2 1f.
        #expect(decodingError([0x3F, 0xE2, 0x1F]) == .tableSizeUpdateTooLarge(4097))
        #expect(decodingError([0x3F, 0xE1, 0x1F]) == nil)
    }

    @Test func aSizeUpdateAfterAFieldIsRefused() {
        #expect(decodingError([0x82, 0x20]) == .tableSizeUpdateNotAtStart)
        // Two at the start are allowed (§4.2: a reduction then an increase).
        #expect(decodingError([0x20, 0x3F, 0xE1, 0x1F, 0x82]) == nil)
    }

    @Test func aSizeUpdateEvicts() throws {
        var decoder = HPACKDecoder()
        _ = try decoder.decode(bytes("4001 6101 62 4001 6301 64"))
        #expect(decoder.dynamicEntries == [field("c", "d"), field("a", "b")])
        // 34 octets fit one entry of 34: the older goes.
        _ = try decoder.decode([0x3F, 0x03])
        #expect(decoder.dynamicEntries == [field("c", "d")])
        _ = try decoder.decode([0x20])
        #expect(decoder.dynamicEntries == [])
        #expect(decodingError([0xBE], decoder: &decoder) == .invalidIndex(62))
    }

    @Test func anEntryLargerThanTheTableEmptiesIt() throws {
        var decoder = HPACKDecoder(maxTableSize: 64)
        _ = try decoder.decode(bytes("4001 6101 62"))
        let large = [UInt8](repeating: 0x78, count: 40)
        #expect(try decoder.decode([0x40, 0x01, 0x61, UInt8(large.count)] + large) == [HPACKField(name: Array("a".utf8), value: large)])
        #expect(decoder.dynamicEntries == [])
    }

    @Test func aStringLongerThanTheListLimitIsRefusedUnread() {
        // The length says 200; the block does not even hold it.
        #expect(decodingError([0x04, 0x7F, 0x49], maxHeaderListSize: 100) == .fieldTooLarge)
    }

    @Test func theListLimitCountsNameValueAnd32() throws {
        // ":method: GET" counts 7 + 3 + 32 = 42.
        #expect(decodingError([0x82, 0x82], maxHeaderListSize: 84) == nil)
        #expect(decodingError([0x82, 0x82, 0x82], maxHeaderListSize: 84) == .headerListTooLarge)
    }

    /// The HPACK bomb: one large entry, then a block that indexes it over and over. Decoding stops
    /// storing at the field that crosses the limit, and the table stays usable.
    @Test func aBombStopsAtTheLimitAndLeavesTheTableCorrect() throws {
        var decoder = HPACKDecoder(maxTableSize: 4096, maxHeaderListSize: 16_384)
        let value = [UInt8](repeating: 0x61, count: 4000)
        var block: [UInt8] = [0x40, 0x01, 0x78]
        HPACKInteger.encode(value.count, prefixBits: 7, flags: 0, into: &block)
        block += value
        _ = try decoder.decode(block)
        let bomb = [UInt8](repeating: 0xBE, count: 100_000)
        #expect(decodingError(bomb, decoder: &decoder) == .headerListTooLarge)
        // A later entry in the same over-limit block still reaches the table.
        #expect(decodingError(bomb + bytes("4001 6101 62"), decoder: &decoder) == .headerListTooLarge)
        #expect(decoder.dynamicEntries.first == field("a", "b"))
        #expect(try decoder.decode([0xBE, 0xBF]) == [field("a", "b"), HPACKField(name: [0x78], value: value)])
    }

    @Test func theListLimitErrorStillReportsLaterCompressionErrors() {
        // Past the limit, a bad index is still a connection error.
        #expect(decodingError([0x82, 0x82, 0x80], maxHeaderListSize: 50) == .invalidIndex(0))
    }
}
