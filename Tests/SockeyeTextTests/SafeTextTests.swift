import SockeyeText
import Testing

@Suite("Safe text")
struct SafeTextTests {
    @Test("printable text and valid UTF-8 pass; control bytes, DEL and invalid UTF-8 become \\xNN")
    func escapes() {
        #expect(SafeText.escape("/index.html?q=1") == "/index.html?q=1")
        #expect(SafeText.escape("Düsseldorf") == "Düsseldorf")
        #expect(SafeText.escape("a\u{1B}[2Jb\u{7F}") == #"a\x1b[2Jb\x7f"#)
        #expect(SafeText.escape(String(decoding: [0x66, 0xFF, 0x67], as: UTF8.self)) == "f\u{FFFD}g")
        // A C1 control (CSI, U+009B) is a terminal escape too.
        #expect(SafeText.escape("x\u{9B}2J") == #"x\xc2\x9b2J"#)
        #expect(SafeText.escape("a b", alsoEscaping: [UInt8(ascii: " ")]) == #"a\x20b"#)
    }
}
