@testable import HTTPCore
import Testing

@Suite("Word scans")
struct ControlMarksTests {
    @Test("the lowest mark in a word is its first CTL or DEL byte, and a clean word has none")
    func lowestMarkIsFirstControlByte() {
        // Bytes around every boundary of the rule (0x1F/0x20, 0x7E/0x7F/0x80, CR, LF, TAB, NUL, 0xFF).
        let edges: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0x81, 0xFE, 0xFF]
        var generator = SystemRandomNumberGenerator()
        var controlWords = 0
        for _ in 0..<50_000 {
            let bytes = (0..<8).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0 ? edges.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let marks = ByteClass.controlMarks(word)
            let firstControl = bytes.firstIndex { $0 < 0x20 || $0 == 0x7F }
            #expect((marks == 0) == (firstControl == nil), "\(bytes)")
            if let firstControl {
                controlWords += 1
                #expect(marks.trailingZeroBitCount >> 3 == firstControl, "\(bytes)")
            }
        }
        #expect(controlWords > 10_000)
    }

    @Test("the lowest non-visible mark in a word is its first byte outside 0x21...0x7E")
    func lowestMarkIsFirstNonVisibleByte() {
        let edges: [UInt8] = [0x00, 0x09, 0x0D, 0x1F, 0x20, 0x21, 0x22, 0x7E, 0x7F, 0x80, 0x81, 0xFE, 0xFF]
        var generator = SystemRandomNumberGenerator()
        var stopped = 0
        for _ in 0..<50_000 {
            let bytes = (0..<8).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0 ? edges.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let marks = ByteClass.nonVisibleMarks(word)
            let first = bytes.firstIndex { $0 < 0x21 || $0 >= 0x7F }
            #expect((marks == 0) == (first == nil), "\(bytes)")
            if let first {
                stopped += 1
                #expect(marks.trailingZeroBitCount >> 3 == first, "\(bytes)")
            }
        }
        #expect(stopped > 10_000)
    }
}
