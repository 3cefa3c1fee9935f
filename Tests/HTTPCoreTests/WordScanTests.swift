@testable import HTTPCore
import Testing

@Suite("Word scans")
struct WordScanTests {
    /// For random words built mostly around `edges`: a word has a mark exactly when one of its
    /// bytes `matches`, and the lowest mark is the first such byte.
    private func expectLowestMarkIsFirstMatch(edges: [UInt8], marks: (UInt64) -> UInt64, matches: (UInt8) -> Bool) {
        var generator = SystemRandomNumberGenerator()
        var matchingWords = 0
        for _ in 0..<50_000 {
            let bytes = (0..<8).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0 ? edges.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            let found = marks(bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
            let first = bytes.firstIndex(where: matches)
            #expect((found == 0) == (first == nil), "\(bytes)")
            if let first {
                matchingWords += 1
                #expect(found.trailingZeroBitCount >> 3 == first, "\(bytes)")
            }
        }
        #expect(matchingWords > 10_000)
    }

    @Test("the lowest control mark is a word's first CTL or DEL byte, and a clean word has none")
    func controlMarks() {
        expectLowestMarkIsFirstMatch(edges: [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0x81, 0xFE, 0xFF],
                                     marks: ByteClass.controlMarks) { $0 < 0x20 || $0 == 0x7F }
    }

    @Test("the lowest non-visible mark is a word's first byte outside 0x21...0x7E")
    func nonVisibleMarks() {
        expectLowestMarkIsFirstMatch(edges: [0x00, 0x09, 0x0D, 0x1F, 0x20, 0x21, 0x22, 0x7E, 0x7F, 0x80, 0x81, 0xFE, 0xFF],
                                     marks: ByteClass.nonVisibleMarks) { $0 < 0x21 || $0 >= 0x7F }
    }
}
