/// One header field as HPACK carries it: a name and a value, both octet strings (RFC 7541 §1.3).
/// HPACK does not look inside them; what bytes are valid is HTTP/2's concern (RFC 9113 §8.2.1).
public struct HPACKField: Sendable, Hashable {
    public var name: [UInt8]
    public var value: [UInt8]

    public init(name: [UInt8], value: [UInt8]) {
        self.name = name
        self.value = value
    }

    public init(_ name: String, _ value: String) {
        self.init(name: Array(name.utf8), value: Array(value.utf8))
    }

    /// What the field counts for in a dynamic table (RFC 7541 §4.1) and in a header list
    /// (RFC 9113 §6.5.2): its octets plus 32.
    var size: Int { name.count + value.count + 32 }
}
