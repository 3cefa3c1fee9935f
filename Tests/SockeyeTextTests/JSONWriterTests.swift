import Foundation
import SockeyeText
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("strings: quotes, backslashes and control characters escaped (RFC 8259 §7), UTF-8 kept")
    func strings() {
        #expect(JSONString.quote("plain") == #""plain""#)
        #expect(JSONString.quote("a\"b\\c") == #""a\"b\\c""#)
        #expect(JSONString.quote("l1\nl2\r\t") == #""l1\nl2\r\t""#)
        #expect(JSONString.quote("\u{0}\u{1B}\u{7F}") == #""\u0000\u001b\u007f""#)
        #expect(JSONString.quote("Zürich ✓") == "\"Zürich ✓\"")
    }

    @Test("an object's exact bytes: members in the order written, every value type")
    func object() {
        var object = JSONObjectWriter()
        object.add("name", "x\"y")
        object.add("missing", nil as String?)
        object.add("count", 3)
        object.add("ms", 1.5)
        object.add("nan", Double.nan)
        object.add("ok", true)
        object.add("keys", strings: ["a", "b"])
        object.add("nested", json: JSONObjectWriter().json)
        #expect(object.json == #"{"name":"x\"y","missing":null,"count":3,"ms":1.5,"nan":null,"ok":true,"keys":["a","b"],"nested":{}}"#)
    }

    @Test("whatever the text, the object parses back to it")
    func roundTrip() throws {
        let hostile = (0..<128).map { String(UnicodeScalar(UInt8($0))) }.joined() + "é\u{2028}😀"
        var object = JSONObjectWriter()
        object.add("text", hostile)
        let parsed = try JSONSerialization.jsonObject(with: Data(object.json.utf8)) as? [String: String]
        #expect(parsed?["text"] == hostile)
        #expect(!object.json.utf8.contains { $0 < 0x20 })
    }
}
