@testable import HPACK
import Testing

/// RFC 7541 Appendix C.1, and the limits of §5.1 decoding.
@Suite struct IntegerTests {
    struct Example: Sendable, CustomTestStringConvertible {
        let value: Int
        let prefixBits: Int
        let encoded: [UInt8]
        var testDescription: String { "\(value) with a \(prefixBits)-bit prefix" }
    }

    static let examples: [Example] = [
        .init(value: 10, prefixBits: 5, encoded: [0x0A]),  // C.1.1
        .init(value: 1337, prefixBits: 5, encoded: [0x1F, 0x9A, 0x0A]),  // C.1.2
        .init(value: 42, prefixBits: 8, encoded: [0x2A]),  // C.1.3
        .init(value: 31, prefixBits: 5, encoded: [0x1F, 0x00]),  // the prefix full, nothing left
    ]

    @Test(arguments: examples) func encodes(_ example: Example) {
        var output: [UInt8] = []
        HPACKInteger.encode(example.value, prefixBits: example.prefixBits, flags: 0, into: &output)
        #expect(output == example.encoded)
    }

    @Test(arguments: examples) func decodes(_ example: Example) throws {
        var position = 0
        let value = try HPACKInteger.decode(example.encoded, at: &position, prefixBits: example.prefixBits)
        #expect(value == example.value)
        #expect(position == example.encoded.count)
    }

    @Test func ignoresTheBitsAboveThePrefix() throws {
        var position = 0
        #expect(try HPACKInteger.decode([0xFF, 0x9A, 0x0A], at: &position, prefixBits: 5) == 1337)
    }

    @Test func roundTripsUpToTheLimit() throws {
        for prefixBits in 1...8 {
            for value in [0, 1, (1 << prefixBits) - 2, (1 << prefixBits) - 1, 1 << prefixBits, 127, 128, 16_383, 1 << 20, (1 << 28) - 1] {
                var output: [UInt8] = []
                HPACKInteger.encode(value, prefixBits: prefixBits, flags: 0, into: &output)
                var position = 0
                #expect(try HPACKInteger.decode(output, at: &position, prefixBits: prefixBits) == value)
            }
        }
    }

    @Test func truncatedContinuationIsTruncated() {
        var position = 0
        #expect(throws: HPACKError.truncated) { try HPACKInteger.decode([0x1F, 0x9A], at: &position, prefixBits: 5) }
        position = 0
        #expect(throws: HPACKError.truncated) { try HPACKInteger.decode([], at: &position, prefixBits: 5) }
    }

    @Test func aFifthContinuationByteIsOverflow() {
        var position = 0
        let fourContinuations: [UInt8] = [0x1F, 0xFF, 0xFF, 0xFF, 0x7F]
        #expect(throws: Never.self) { try HPACKInteger.decode(fourContinuations, at: &position, prefixBits: 5) }
        position = 0
        // Redundant zero groups count too: they are how an overflow would be smuggled in.
        let fiveContinuations: [UInt8] = [0x1F, 0x80, 0x80, 0x80, 0x80, 0x00]
        #expect(throws: HPACKError.integerOverflow) { try HPACKInteger.decode(fiveContinuations, at: &position, prefixBits: 5) }
    }

    @Test func aHugeIntegerInABlockIsOverflow() {
        let indexed: [UInt8] = [0xFF] + Array(repeating: 0xFF, count: 12) + [0x01]
        #expect(decodingError(indexed) == .integerOverflow)
    }
}
