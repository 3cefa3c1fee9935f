/// A `Range: bytes=…` request (RFC 9110 §14.1.2) resolved against a representation's size.
enum ByteRanges: Equatable {
    /// One or more ranges, sorted, with overlapping and adjacent ones coalesced (§14.2 allows it).
    case satisfiable([Range<Int>])
    /// Valid syntax, but no range overlaps the representation: 416 (§15.5.17).
    case unsatisfiable
    /// Not a byte range we take (other unit, bad syntax, too many ranges): the whole 200 (§14.2).
    case ignored

    /// More ranges than this in one request are ignored (the whole representation is served):
    /// many small ranges are a known denial-of-service shape (§14.2, "ranges ... excessive").
    static let maxRanges = 16

    static func parse(_ value: String, size: Int) -> ByteRanges {
        guard value.hasPrefix("bytes=") else { return .ignored }
        let specs = value.dropFirst("bytes=".count).split(separator: ",", omittingEmptySubsequences: false)
        guard specs.count <= maxRanges else { return .ignored }
        var ranges: [Range<Int>] = []
        for spec in specs {
            switch parseOne(spec.trimmingCharacters(in: " \t"), size: size) {
            case nil: return .ignored
            case .some(nil): continue  // valid, but outside the representation
            case .some(let range?): ranges.append(range)
            }
        }
        guard !ranges.isEmpty else { return .unsatisfiable }
        return .satisfiable(coalesce(ranges))
    }

    /// nil: bad syntax; .some(nil): a valid range that selects nothing of `size` bytes.
    private static func parseOne(_ spec: Substring, size: Int) -> Range<Int>?? {
        guard let dash = spec.firstIndex(of: "-") else { return nil }
        let first = spec[..<dash], last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            // suffix-range: the last N bytes; zero of them selects nothing.
            guard let suffix = digits(last) else { return nil }
            return .some(suffix > 0 && size > 0 ? max(0, size - suffix)..<size : nil)
        }
        guard let start = digits(first) else { return nil }
        if last.isEmpty { return .some(start < size ? start..<size : nil) }
        guard let end = digits(last), end >= start else { return nil }
        return .some(start < size ? start..<(end >= size - 1 ? size : end + 1) : nil)
    }

    /// 1*DIGIT, nothing else (no sign, no spaces), without overflow.
    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(text)
    }

    /// Sorted by start; a range that overlaps or touches the one before joins it.
    static func coalesce(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> SubSequence {
        let kept = drop { set.contains($0) }
        return kept[..<(kept.lastIndex { !set.contains($0) }.map { kept.index(after: $0) } ?? kept.startIndex)]
    }
}
