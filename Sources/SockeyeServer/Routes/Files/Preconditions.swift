import HTTPCore

/// The validators of the representation a response would carry.
struct Validators {
    var etag: EntityTag
    /// Last-Modified, Unix seconds.
    var modified: Int
}

/// RFC 9110 §13.2.2: conditional requests evaluated in the order the RFC prescribes.
enum Preconditions {
    enum Outcome: Equatable {
        /// Answer normally; `honoursRange` says whether a Range header may be applied (If-Range, §13.1.5).
        case proceed(honoursRange: Bool)
        case notModified
        case failed
    }

    static func evaluate(_ fields: HTTPFields, isGetOrHead: Bool, isGet: Bool, validators: Validators, now: Int) -> Outcome {
        // 1. If-Match (§13.1.1), strong comparison; else 2. If-Unmodified-Since (§13.1.4).
        if let ifMatch = combined(fields, "if-match") {
            if !matches(ifMatch, validators.etag, strong: true) { return .failed }
        } else if let date = fields["if-unmodified-since"].flatMap({ HTTPDate.parse($0, now: now) }), validators.modified > date {
            return .failed
        }
        // 3. If-None-Match (§13.1.2), weak comparison; else 4. If-Modified-Since (§13.1.3), GET and HEAD only.
        if let ifNoneMatch = combined(fields, "if-none-match") {
            if matches(ifNoneMatch, validators.etag, strong: false) { return isGetOrHead ? .notModified : .failed }
        } else if isGetOrHead, let date = fields["if-modified-since"].flatMap({ HTTPDate.parse($0, now: now) }),
                  validators.modified <= date {
            return .notModified
        }
        // 5. If-Range (§13.1.5) matters only for a GET with Range (§14.2: Range is defined for GET).
        guard isGet, fields.contains("range") else { return .proceed(honoursRange: false) }
        guard let ifRange = fields["if-range"] else { return .proceed(honoursRange: true) }
        return .proceed(honoursRange: ifRangeHolds(ifRange, validators, now: now))
    }

    /// An entity tag compared strongly, or a date that must equal Last-Modified exactly.
    private static func ifRangeHolds(_ value: String, _ validators: Validators, now: Int) -> Bool {
        let trimmed = value.trimmingCharacters(in: " \t")
        if trimmed.hasPrefix("\"") || trimmed.hasPrefix("W/") {
            guard let (tag, rest) = EntityTag.parseOne(trimmed), rest.isEmpty else { return false }
            return tag.matchesStrongly(validators.etag)
        }
        return HTTPDate.parse(String(trimmed), now: now) == validators.modified
    }

    /// A field's lines joined as one list (§5.3); nil when absent.
    private static func combined(_ fields: HTTPFields, _ name: String) -> String? {
        let values = fields.values(for: name)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    /// A malformed list matches nothing: If-Match then fails (safe), If-None-Match does not apply.
    private static func matches(_ value: String, _ etag: EntityTag, strong: Bool) -> Bool {
        switch EntityTag.parseList(value) {
        case .any?: true
        case .tags(let tags)?: tags.contains { strong ? $0.matchesStrongly(etag) : $0.matchesWeakly(etag) }
        case nil: false
        }
    }
}
