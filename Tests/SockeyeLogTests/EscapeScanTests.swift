@testable import SockeyeLog
import Testing

@Suite("Log escaping scan")
struct EscapeScanTests {
    @Test("the eight-bytes-at-a-time scan answers as a byte-by-byte check does")
    func wordScanMatchesByteCheck() {
        // Bytes at every boundary of the rule, where a bit trick would go wrong first.
        let edges: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0xFE, 0xFF, 0x41]
        var generator = SystemRandomNumberGenerator()
        var flagged = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...40, using: &generator)
            // Mostly clean text, so the rare byte lands in every position of a word.
            let bytes = (0..<count).map { _ in
                Int.random(in: 0..<8, using: &generator) == 0 ? edges.randomElement(using: &generator)! : UInt8.random(in: 0x23...0x5B, using: &generator)
            }
            let expected = bytes.contains(where: EscapeScan.needsEscape)
            let answer = bytes.withUnsafeBufferPointer { EscapeScan.anyNeedsEscape($0) }
            #expect(answer == expected, "\(bytes)")
            if expected { flagged += 1 }
        }
        #expect(flagged > 1000)
    }
}
