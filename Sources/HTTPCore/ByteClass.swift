/// Byte classes from RFC 9110 §5.6.2 (tchar) and §5.5 (field-vchar, obs-text).
enum ByteClass {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A

    /// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    /// as a 128-bit map: no table load, no lazy global initialisation on the hot path.
    private static let tokenLow: UInt64 = 0x03FF_6CFA_0000_0000   // 0x00–0x3F: ! # $ % & ' * + - . 0-9
    private static let tokenHigh: UInt64 = 0x57FF_FFFF_C7FF_FFFE  // 0x40–0x7F: A-Z ^ _ ` a-z | ~

    /// The same map as a 256-entry table of 1 (token) and 0, for loops that hoist the table
    /// pointer out of the loop and combine several lookups with `&`. A literal, so the compiler
    /// lays it out in the binary: computed, it was initialized lazily, behind a check on every
    /// head. A test holds it equal to `isToken`.
    static let tokenTable: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0x00
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0x10
        0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0,  // 0x20
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,  // 0x30
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  // 0x40
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1,  // 0x50
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  // 0x60
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0,  // 0x70
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0x80
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0x90
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0xA0
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0xB0
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0xC0
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0xD0
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0xE0
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0xF0
    ]

    @inline(__always)
    static func isToken(_ byte: UInt8) -> Bool {
        if byte < 64 { return tokenLow & (1 << UInt64(byte)) != 0 }
        if byte < 128 { return tokenHigh & (1 << UInt64(byte - 64)) != 0 }
        return false
    }

    /// Visible ASCII, the only bytes allowed in a request-target (RFC 9112 §3.2).
    @inline(__always)
    static func isVisibleASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

    /// field-content bytes: VCHAR, SP, HTAB and obs-text; every other CTL and DEL is refused.
    @inline(__always)
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Marks the CTL (< 0x20) and DEL bytes of `word` (see `WordMarks`): lets value validation
    /// skip eight ordinary bytes per step and land on the line's CR directly.
    @inline(__always)
    static func controlMarks(_ word: UInt64) -> UInt64 {
        WordMarks.below(0x20, in: word) | WordMarks.equal(to: 0x7F, in: word)
    }

    /// Marks the bytes of `word` that are not visible ASCII (< 0x21 or >= 0x7F): the bytes that
    /// end or spoil a request-target.
    @inline(__always)
    static func nonVisibleMarks(_ word: UInt64) -> UInt64 {
        WordMarks.below(0x21, in: word) | WordMarks.equal(to: 0x7F, in: word) | WordMarks.nonASCII(in: word)
    }

    /// The index of the first byte from `start` that is not visible ASCII, found sixteen bytes
    /// at a time, then eight; `bytes.count` minus at most seven when the tail is left to the caller.
    @inline(__always)
    static func endOfVisibleRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let raw = UnsafeRawPointer(base)
        var index = VectorScan.firstNonVisible(in: bytes, from: start)
        while index + 8 <= bytes.count {
            let marks = nonVisibleMarks(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            if marks != 0 { return index + marks.trailingZeroBitCount >> 3 }
            index += 8
        }
        return index
    }
}
