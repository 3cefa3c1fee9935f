@testable import HPACK

/// Bytes from the hexadecimal dumps of RFC 7541 Appendix C; spaces and line breaks are ignored.
func bytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.filter { $0.isHexDigit })
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

func field(_ name: String, _ value: String) -> HPACKField { HPACKField(name, value) }

extension HPACKDecoder {
    /// The dynamic table, newest entry first, as Appendix C lists it.
    var dynamicEntries: [HPACKField] { (0..<table.count).map { table[$0 + 1] } }
    var dynamicSize: Int { table.size }
}

/// Decodes `block`, returning the error it throws (nil if none).
func decodingError(_ block: [UInt8], decoder: inout HPACKDecoder) -> HPACKError? {
    do {
        _ = try decoder.decode(block)
        return nil
    } catch {
        return error
    }
}

func decodingError(_ block: [UInt8], maxTableSize: Int = 4096, maxHeaderListSize: Int = 65536) -> HPACKError? {
    var decoder = HPACKDecoder(maxTableSize: maxTableSize, maxHeaderListSize: maxHeaderListSize)
    return decodingError(block, decoder: &decoder)
}

/// A deterministic generator, so that a failing random case fails the same way again.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
