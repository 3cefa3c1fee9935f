/// Writes one JSON object (RFC 8259 §4) member by member, keys in the order written: the one JSON
/// writer behind the log's JSON lines, the JSON routes and the demo's `--json`. Keys are the
/// program's own names; values are quoted here, so client text cannot break the object.
public struct JSONObjectWriter {
    private var text = "{"
    private var isEmpty = true

    public init() {}

    /// The object, closed.
    public var json: String { text + "}" }

    public mutating func add(_ key: String, _ value: String?) {
        beginMember(key)
        if let value { JSONString.append(value, to: &text) } else { text.append("null") }
    }

    public mutating func add(_ key: String, _ value: some BinaryInteger) {
        beginMember(key)
        text.append(String(value))
    }

    public mutating func add(_ key: String, _ value: Double) {
        beginMember(key)
        text.append(value.isFinite ? String(value) : "null")
    }

    public mutating func add(_ key: String, _ value: Bool) {
        beginMember(key)
        text.append(value ? "true" : "false")
    }

    /// A member whose value is already JSON (a nested object or array written by this writer).
    public mutating func add(_ key: String, json value: String) {
        beginMember(key)
        text.append(value)
    }

    /// A JSON array of strings.
    public mutating func add(_ key: String, strings values: [String]) {
        add(key, json: JSONObjectWriter.array(values.map(JSONString.quote)))
    }

    /// `[a,b,…]` from elements already in JSON.
    public static func array(_ elements: [String]) -> String {
        "[" + elements.joined(separator: ",") + "]"
    }

    private mutating func beginMember(_ key: String) {
        if !isEmpty { text.append(",") }
        isEmpty = false
        JSONString.append(key, to: &text)
        text.append(":")
    }
}
