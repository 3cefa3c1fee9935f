import HTTPCore
import Testing

@Suite("HTTP-date parsing (RFC 9110 §5.6.7)")
struct HTTPDateParsingTests {
    /// 2026-12-06, for placing RFC 850 two-digit years.
    static let now = 1_796_515_200
    static let example = 784_111_777  // Sun, 06 Nov 1994 08:49:37 GMT

    @Test("the three forms of the RFC's example are the same instant", arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
    ])
    func forms(text: String) {
        #expect(HTTPDate.parse(text, now: Self.now) == Self.example)
    }

    @Test("round trip with the formatter", arguments: [0, 951_782_400, 1_709_164_800, 1_700_000_000, 4_102_444_799])
    func roundTrip(seconds: Int) {
        #expect(HTTPDate.parse(HTTPDate.format(unixSeconds: seconds), now: Self.now) == seconds)
    }

    @Test("RFC 850 years: more than 50 years ahead means the past century")
    func twoDigitYears() {
        #expect(HTTPDate.parse("Wednesday, 01-Jan-70 00:00:00 GMT", now: Self.now) == 3_155_760_000)  // 44 years ahead: 2070
        #expect(HTTPDate.parse("Saturday, 01-Jan-77 00:00:00 GMT", now: Self.now) == 220_924_800)  // 2077 is 51 years ahead: 1977
        #expect(HTTPDate.parse("Sunday, 01-Jan-30 00:00:00 GMT", now: Self.now) == 1_893_456_000)
    }

    @Test("invalid dates are nil", arguments: [
        "", "yesterday", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT", "Sun, 06 Nov 1994 08:49:37", "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sun Nov 6 08:49:37 94", "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov +994 08:49:37 GMT", "Sun, 29 Feb 1900 00:00:00 GMT",
    ])
    func invalid(text: String) {
        #expect(HTTPDate.parse(text, now: Self.now) == nil)
    }

    @Test("a leap day parses")
    func leapDay() {
        #expect(HTTPDate.parse("Tue, 29 Feb 2000 00:00:00 GMT", now: Self.now) == 951_782_400)
    }
}
