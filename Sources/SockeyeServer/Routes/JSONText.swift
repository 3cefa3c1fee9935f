import SockeyeEvents

/// Builds JSON object text without Foundation.
enum JSONText {
    static func string(_ value: String) -> String { JSONString.quote(value) }

    /// `{"key": value, ...}` from already-encoded values, keys in the given order.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}
