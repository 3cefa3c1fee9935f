@testable import SockeyeDashboard
import Testing

@Suite("Dashboard formats")
struct FormatTests {
    @Test("durations and ages under 10,000 days, and any byte count, are never wider than their columns")
    func widths() {
        let tenThousandDays: UInt64 = 864_000_000_000_000_000
        for nanoseconds in sequence(first: UInt64(1), next: { $0 < tenThousandDays / 3 ? $0 * 3 : nil }) {
            for value in [nanoseconds - 1, nanoseconds, nanoseconds * 2 - 1] where value < tenThousandDays {
                #expect(Format.duration(value).count <= Format.valueWidth, "\(Format.duration(value))")
                #expect(Format.age(value).count <= Format.valueWidth, "\(Format.age(value))")
            }
        }
        for count in sequence(first: 1, next: { $0 < Int.max / 3 ? $0 * 3 : nil }) {
            for value in [count - 1, count, count * 2 - 1] {
                #expect(Format.bytes(value).count <= Format.valueWidth, "\(Format.bytes(value))")
            }
        }
    }

    @Test("unit boundaries", arguments: [
        (999_999, "999µs"), (1_000_000, "1.0ms"), (9_999_999, "9.9ms"), (10_000_000, "10ms"), (999_999_999, "999ms"),
        (2_900_000_000, "2.9s"), (59_999_999_999, "59.9s"), (60_000_000_000, "1m00s"), (3_599_000_000_000, "59m"),
        (3_900_000_000_000, "1h05m"), (90_000_000_000_000, "1d01h"), (1_036_800_000_000_000, "12d"),
    ] as [(UInt64, String)])
    func durations(nanoseconds: UInt64, text: String) {
        #expect(Format.duration(nanoseconds) == text)
    }

    @Test("byte units", arguments: [
        (1023, "1023B"), (1024, "1.0K"), (10_239, "9.9K"), (10_240, "10K"), (48_213, "47K"), (1_048_575, "1023K"),
        (1_048_576, "1.0M"), (1_610_612_736, "1.5G"),
    ])
    func bytes(count: Int, text: String) {
        #expect(Format.bytes(count) == text)
    }

    @Test("text is cut at its end with …; a peer keeps its port")
    func cutting() {
        #expect(Format.truncated("/slow?ms=1500", to: 13) == "/slow?ms=1500")
        #expect(Format.truncated("/slow?ms=1500", to: 8) == "/slow?m…")
        #expect(Format.peer("[2001:db8::1234:5678]:50200", width: 16) == "[2001:db8…:50200")
        #expect(Format.peer("127.0.0.1:54252", width: 15) == "127.0.0.1:54252")
    }
}
