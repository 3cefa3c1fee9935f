/// The content codings the file server can send (RFC 9110 §8.4.1), and the choice among them
/// that a request's `Accept-Encoding` allows (§12.5.3).
enum ContentCoding: String, Sendable, CaseIterable {
    case brotli = "br"
    case gzip

    /// The precompressed sibling's suffix: `app.js.br`, `app.js.gz`.
    var fileSuffix: String { self == .brotli ? ".br" : ".gz" }
    /// Appended to the identity ETag so each encoding has its own (§8.8.3: a different representation).
    var etagSuffix: String { self == .brotli ? "-br" : "-gz" }

    /// The codings `Accept-Encoding` allows, best first: highest q-value, brotli before gzip on a tie.
    /// No field: none (identity; §12.5.3 lets a server assume any, but a client that says nothing
    /// may be one that cannot decode). q=0 refuses a coding; `*` covers codings not named.
    static func acceptable(_ field: String?) -> [ContentCoding] {
        guard let field else { return [] }
        var named: [String: Double] = [:]
        for element in field.split(separator: ",") {
            let parts = element.split(separator: ";")
            guard let name = parts.first?.trimmingCharacters(in: " \t").lowercased(), !name.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingCharacters(in: " \t")
                if pair.lowercased().hasPrefix("q="), let value = Double(pair.dropFirst(2)), (0...1).contains(value) {
                    quality = value
                }
            }
            // "x-gzip" is gzip (§8.4.1.3).
            named[name == "x-gzip" ? "gzip" : name] = quality
        }
        let wildcard = named["*"]
        let ranked = allCases.compactMap { coding -> (ContentCoding, Double)? in
            guard let quality = named[coding.rawValue] ?? wildcard, quality > 0 else { return nil }
            return (coding, quality)
        }
        return ranked.enumerated().sorted { ($0.element.1, -$0.offset) > ($1.element.1, -$1.offset) }.map(\.element.0)
    }
}
