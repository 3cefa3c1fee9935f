/// Writes the Prometheus text exposition format 0.0.4: per family a `# HELP` and `# TYPE` line,
/// then its samples, label values escaped as the format requires.
struct PrometheusText {
    private(set) var text = ""

    enum Kind: String {
        case counter, gauge, histogram
    }

    mutating func family(_ name: String, _ kind: Kind, help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(kind.rawValue)\n"
    }

    mutating func sample(_ name: String, labels: [(String, String)] = [], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " " + Self.format(value) + "\n"
    }

    mutating func sample(_ name: String, labels: [(String, String)] = [], _ value: Int) {
        sample(name, labels: labels, Double(value))
    }

    /// One family with one unlabelled sample.
    mutating func single(_ name: String, _ kind: Kind, help: String, _ value: Double) {
        family(name, kind, help: help)
        sample(name, value)
    }

    /// A histogram's `_bucket` lines (cumulative, `le` ascending, then `+Inf`), `_sum` and `_count`.
    mutating func histogram(_ name: String, help: String, bounds: [String], cumulative: [Int], sum: Double) {
        family(name, .histogram, help: help)
        for (bound, count) in zip(bounds + ["+Inf"], cumulative) { sample(name + "_bucket", labels: [("le", bound)], count) }
        sample(name + "_sum", sum)
        sample(name + "_count", cumulative.last ?? 0)
    }

    /// Integers without a fraction; others in Swift's shortest round-trip form (a valid Go float).
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.isFinite ? String(value) : (value.isNaN ? "NaN" : value > 0 ? "+Inf" : "-Inf")
    }

    /// Backslash, double quote and line feed are escaped in label values.
    static func escape(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
