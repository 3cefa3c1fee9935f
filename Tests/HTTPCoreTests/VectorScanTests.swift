@testable import HTTPCore
import Testing

@Suite("Vector scans")
struct VectorScanTests {
    /// Every length up to three blocks, every start, one matching byte at every position (and
    /// none): the scan returns the first match from `start`, or `count` when there is none, and
    /// where it stopped only when fewer than sixteen bytes lie past `start` — in which case no
    /// match lies before that point.
    private func expectScanFindsFirstMatch(plain: UInt8, match: UInt8, scan: (UnsafeBufferPointer<UInt8>, Int) -> Int,
                                           matches: (UInt8) -> Bool) {
        for count in 0...48 {
            for position in [nil] + Array(0..<count) {
                var bytes = [UInt8](repeating: plain, count: count)
                // A match before every start too, which the scan must not report.
                if let position { bytes[position] = match }
                for start in 0...count {
                    let found = bytes.withUnsafeBufferPointer { scan($0, start) }
                    let first = bytes[start...].firstIndex(where: matches) ?? count
                    if count - start >= 16 {
                        #expect(found == first, "count \(count), match at \(String(describing: position)), start \(start)")
                    } else {
                        #expect(found >= start && found <= first, "count \(count), match at \(String(describing: position)), start \(start)")
                    }
                }
            }
        }
    }

    @Test("firstControl finds the first CTL or DEL from the start, in the last block too")
    func firstControl() {
        for match: UInt8 in [0x00, 0x0D, 0x1F, 0x7F] {
            expectScanFindsFirstMatch(plain: UInt8(ascii: "a"), match: match, scan: VectorScan.firstControl) { $0 < 0x20 || $0 == 0x7F }
        }
    }

    @Test("firstNonVisible finds the first byte outside 0x21...0x7E, in the last block too")
    func firstNonVisible() {
        for match: UInt8 in [0x20, 0x7F, 0x80, 0xFF] {
            expectScanFindsFirstMatch(plain: UInt8(ascii: "/"), match: match, scan: VectorScan.firstNonVisible) { $0 < 0x21 || $0 >= 0x7F }
        }
    }

    @Test("firstNonNameLetter finds the first byte that is not a letter, digit or dash, in the last block too")
    func firstNonNameLetter() {
        for match in Array(":_ @[`{".utf8) {
            expectScanFindsFirstMatch(plain: UInt8(ascii: "Z"), match: match, scan: VectorScan.firstNonNameLetter) { byte in
                !(byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") || byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
                    || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "-"))
            }
        }
    }
}
