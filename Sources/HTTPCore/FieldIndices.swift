/// The entry indices of one field name, in arrival order. The first is held inline: nearly
/// every request has at most one `Connection` or `Content-Length` field, and an array per head
/// for it cost an allocation and a free on every request.
struct FieldIndices: Sequence {
    private var first = -1
    private var rest: [Int] = []

    var isEmpty: Bool { first < 0 }
    var count: Int { first < 0 ? 0 : 1 + rest.count }
    /// The first index; only meaningful when not empty.
    var firstIndex: Int { first }

    mutating func append(_ index: Int) {
        if first < 0 { first = index } else { rest.append(index) }
    }

    func makeIterator() -> Iterator { Iterator(indices: self) }

    struct Iterator: IteratorProtocol {
        let indices: FieldIndices
        var position = 0

        mutating func next() -> Int? {
            defer { position += 1 }
            if position == 0 { return indices.first < 0 ? nil : indices.first }
            return position - 1 < indices.rest.count ? indices.rest[position - 1] : nil
        }
    }
}
