@testable import HTTPCore
import Testing

@Suite("Byte classes")
struct ByteClassTests {
    /// RFC 9110 §5.6.2: tchar, spelled out rather than taken from the maps under test.
    private static let tchar = Set("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    @Test("the token table, written out as a literal, and the token bit map agree with tchar for every byte")
    func tokenTable() {
        #expect(ByteClass.tokenTable.count == 256)
        for byte in 0...255 {
            let isTchar = Self.tchar.contains(UInt8(byte))
            #expect(ByteClass.isToken(UInt8(byte)) == isTchar, "isToken(\(byte))")
            #expect(ByteClass.tokenTable[byte] == (isTchar ? 1 : 0), "tokenTable[\(byte)]")
        }
    }
}
