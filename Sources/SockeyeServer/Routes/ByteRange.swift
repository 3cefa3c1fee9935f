/// A single `Range: bytes=…` request (RFC 9110 §14.1.2). Several ranges are served as the whole
/// file, which the RFC allows.
enum ByteRange: Equatable {
    case satisfiable(Range<Int>)
    case unsatisfiable
    case ignored

    static func parse(_ value: String, size: Int) -> ByteRange {
        guard value.hasPrefix("bytes="), !value.contains(",") else { return .ignored }
        let spec = value.dropFirst("bytes=".count)
        guard let dash = spec.firstIndex(of: "-") else { return .ignored }
        let first = spec[..<dash], last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            // Suffix range: the last N bytes.
            guard let suffix = Int(last), suffix >= 0 else { return .ignored }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .satisfiable(max(0, size - suffix)..<size)
        }
        guard let start = Int(first), start >= 0 else { return .ignored }
        guard start < size else { return .unsatisfiable }
        if last.isEmpty { return .satisfiable(start..<size) }
        guard let end = Int(last), end >= start else { return .ignored }
        return .satisfiable(start..<min(end + 1, size))
    }
}
