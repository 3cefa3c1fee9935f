/// An entity tag (RFC 9110 §8.8.3): `"opaque"` or weak `W/"opaque"`.
struct EntityTag: Equatable {
    var isWeak: Bool
    var opaque: Substring

    /// §8.8.3.2: strong comparison needs both strong and equal; weak comparison only equal opaque tags.
    func matchesStrongly(_ other: EntityTag) -> Bool { !isWeak && !other.isWeak && opaque == other.opaque }
    func matchesWeakly(_ other: EntityTag) -> Bool { opaque == other.opaque }

    /// `"*"` or a list of entity tags (If-Match, If-None-Match: `#entity-tag`). A tag's quotes may
    /// hold commas, so the list is scanned, not split. nil when the list is malformed.
    enum List {
        case any
        case tags([EntityTag])
    }

    static func parseList(_ value: String) -> List? {
        let trimmed = value.trimmingCharacters(in: " \t")
        if trimmed == "*" { return .any }
        var tags: [EntityTag] = []
        var rest = Substring(trimmed)
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
            if rest.isEmpty { break }
            guard let (tag, after) = parseOne(rest) else { return nil }
            tags.append(tag)
            rest = after
        }
        return .tags(tags)
    }

    /// One tag at the start of `text` (If-Range takes exactly one), and what follows it.
    static func parseOne(_ text: Substring) -> (EntityTag, Substring)? {
        var rest = text
        let isWeak = rest.hasPrefix("W/")
        if isWeak { rest = rest.dropFirst(2) }
        guard rest.first == "\"" else { return nil }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return (EntityTag(isWeak: isWeak, opaque: rest[..<close]), rest[rest.index(after: close)...])
    }
}
