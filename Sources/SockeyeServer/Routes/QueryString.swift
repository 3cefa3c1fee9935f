/// `a=1&b=2` split into values (no percent-decoding needed by the built-in routes).
public struct QueryString {
    private let pairs: [(String, String)]

    public init(_ query: String) {
        pairs = query.split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    public subscript(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }
}
