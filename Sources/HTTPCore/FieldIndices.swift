/// The entry indices of one field name, in arrival order. Only the first and the count are
/// kept — nearly every request has at most one `Connection` or `Content-Length` field — and a
/// repeat is found again by its name when the fields are read: no array, so a head's
/// `KnownFields` costs nothing to copy or drop (four arrays cost ~200 instructions per head).
struct FieldIndices {
    /// The fields `KnownFields` follows; a tag rather than the name's text keeps this small.
    enum Name {
        case contentLength, transferEncoding, connection, expect

        var text: StaticString {
            switch self {
            case .contentLength: "content-length"
            case .transferEncoding: "transfer-encoding"
            case .connection: "connection"
            case .expect: "expect"
            }
        }
    }

    let name: Name
    // 32 bits, as entries' offsets are: a head has far fewer fields.
    private var storedCount: Int32 = 0
    private var first: Int32 = -1

    init(_ name: Name) { self.name = name }

    var count: Int { Int(storedCount) }
    var isEmpty: Bool { storedCount == 0 }
    /// The first index; only meaningful when not empty.
    var firstIndex: Int { Int(first) }

    mutating func append(_ index: Int) {
        if storedCount == 0 { first = Int32(truncatingIfNeeded: index) }
        storedCount &+= 1
    }

    /// Calls `body` with each index in order.
    func forEach(in fields: HTTPFields, _ body: (Int) -> Void) {
        guard storedCount > 0 else { return }
        body(firstIndex)
        var found = 1
        var index = firstIndex + 1
        while found < count {
            if fields.nameEquals(fields.entries[index], name.text) {
                body(index)
                found += 1
            }
            index += 1
        }
    }
}
