/// Reading HTTP-dates (RFC 9110 §5.6.7): recipients accept all three forms, IMF-fixdate
/// (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form (`Sunday, 06-Nov-94 08:49:37 GMT`)
/// and asctime (`Sun Nov  6 08:49:37 1994`). Anything else is nil: a precondition with an invalid
/// date is ignored (§13.1.3, §13.1.4).
extension HTTPDate {
    private static let shortDays: Set<Substring> = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let longDays: Set<Substring> = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let monthNumbers: [Substring: Int] = [
        "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
    ]

    /// Unix seconds, or nil. `now` (Unix seconds) places an RFC 850 two-digit year: one that would be
    /// more than 50 years in the future is the most recent past year with those digits (§5.6.7).
    public static func parse(_ text: String, now: Int) -> Int? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        switch words.count {
        case 6:  // IMF-fixdate
            guard words[0].count == 4, words[0].last == ",", shortDays.contains(words[0].dropLast()), words[5] == "GMT",
                  words[1].count == 2, let day = number(words[1]), let month = monthNumbers[words[2]],
                  words[3].count == 4, let year = number(words[3]) else { return nil }
            return seconds(year: year, month: month, day: day, time: words[4])
        case 4:  // rfc850-date
            guard words[0].last == ",", longDays.contains(words[0].dropLast()), words[3] == "GMT" else { return nil }
            let parts = words[1].split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 2, let day = number(parts[0]), let month = monthNumbers[parts[1]],
                  parts[2].count == 2, let shortYear = number(parts[2]) else { return nil }
            let currentYear = civilDate(daysSinceEpoch: now / 86_400).year
            var year = currentYear - currentYear % 100 + shortYear
            if year > currentYear + 50 { year -= 100 }
            return seconds(year: year, month: month, day: day, time: words[2])
        case 5:  // asctime-date: the day is one or two digits (space-padded)
            guard shortDays.contains(words[0]), let month = monthNumbers[words[1]], (1...2).contains(words[2].count),
                  let day = number(words[2]), words[4].count == 4, let year = number(words[4]) else { return nil }
            return seconds(year: year, month: month, day: day, time: words[3])
        default:
            return nil
        }
    }

    private static func number(_ digits: Substring) -> Int? {
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    private static func seconds(year: Int, month: Int, day: Int, time: Substring) -> Int? {
        let parts = time.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ $0.count == 2 }),
              let hour = number(parts[0]), let minute = number(parts[1]), let second = number(parts[2]),
              hour < 24, minute < 60, second <= 60, day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's days-from-civil, the inverse of `civilDate`.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
