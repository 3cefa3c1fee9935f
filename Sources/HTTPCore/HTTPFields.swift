/// Header (or trailer) fields in arrival order, repeats kept, looked up case-insensitively.
///
/// Fields are byte ranges into one storage array, so parsing a head allocates two arrays
/// however many fields it has. A dictionary would lose repeats and hide smuggling attempts.
public struct HTTPFields: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var nameStart: Int32
        var nameEnd: Int32
        var valueStart: Int32
        var valueEnd: Int32
    }

    var storage: [UInt8]
    var entries: [Entry]

    public init() {
        storage = []
        entries = []
    }

    init(storage: [UInt8], entries: [Entry]) {
        self.storage = storage
        self.entries = entries
    }

    public init(_ pairs: [(String, String)]) {
        self.init()
        for (name, value) in pairs { append(name: name, value: value) }
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    public mutating func append(name: String, value: String) {
        let nameStart = storage.count
        storage.append(contentsOf: name.utf8)
        let valueStart = storage.count
        storage.append(contentsOf: value.utf8)
        entries.append(Entry(
            nameStart: Int32(nameStart), nameEnd: Int32(valueStart),
            valueStart: Int32(valueStart), valueEnd: Int32(storage.count)))
    }

    /// The pairs in order, as strings (for tests, logs and handlers; not the hot path).
    public var pairs: [(name: String, value: String)] {
        entries.map { (string(Int($0.nameStart), Int($0.nameEnd)), string(Int($0.valueStart), Int($0.valueEnd))) }
    }

    /// The first value of `name`, compared case-insensitively.
    public subscript(_ name: String) -> String? {
        guard let index = firstIndex(of: name) else { return nil }
        let entry = entries[index]
        return string(Int(entry.valueStart), Int(entry.valueEnd))
    }

    /// Every value of `name`, in order.
    public func values(for name: String) -> [String] {
        indices(of: name).map { string(Int(entries[$0].valueStart), Int(entries[$0].valueEnd)) }
    }

    public func contains(_ name: String) -> Bool { firstIndex(of: name) != nil }

    /// Whether any comma-separated element of any `name` field equals `token`, ignoring case
    /// (e.g. `Connection: keep-alive, Upgrade` contains `upgrade`).
    public func containsToken(_ token: String, in name: String) -> Bool {
        var token = token
        return token.withUTF8 { token in indices(of: name).contains { containsToken(token, inFieldAt: $0) } }
    }

    /// For the parser's own checks: a literal's bytes need no String.
    @inline(__always)
    func containsToken(_ token: StaticString, at fieldIndices: FieldIndices) -> Bool {
        // Most heads have no such field: answered inline, before a call and the walk's setup.
        guard !fieldIndices.isEmpty else { return false }
        return containsToken(token, atAny: fieldIndices)
    }

    private func containsToken(_ token: StaticString, atAny fieldIndices: FieldIndices) -> Bool {
        let token = UnsafeBufferPointer(start: token.utf8Start, count: token.utf8CodeUnitCount)
        var found = false
        fieldIndices.forEach(in: self) { index in
            if !found && containsToken(token, inFieldAt: index) { found = true }
        }
        return found
    }

    private func containsToken(_ token: UnsafeBufferPointer<UInt8>, inFieldAt index: Int) -> Bool {
        var found = false
        forEachListElement(in: entries[index]) { element in
            if !found, equalsIgnoringCase(element, token) { found = true }
        }
        return found
    }

    /// How many list elements the field at `index` holds.
    func listCount(at index: Int) -> Int {
        var count = 0
        forEachListElement(in: entries[index]) { _ in count += 1 }
        return count
    }

    func indices(of name: String) -> [Int] {
        entries.indices.filter { nameEquals(entries[$0], name) }
    }

    func firstIndex(of name: String) -> Int? {
        entries.indices.first { nameEquals(entries[$0], name) }
    }

    func nameEquals(_ entry: Entry, _ wanted: String) -> Bool {
        equalsIgnoringCase(Int(entry.nameStart)..<Int(entry.nameEnd), wanted)
    }

    func nameEquals(_ entry: Entry, _ wanted: StaticString) -> Bool {
        equalsIgnoringCase(Int(entry.nameStart)..<Int(entry.nameEnd),
                           UnsafeBufferPointer(start: wanted.utf8Start, count: wanted.utf8CodeUnitCount))
    }

    /// Compares against the string's own UTF-8, without copying it into an array per lookup.
    func equalsIgnoringCase(_ range: Range<Int>, _ wanted: String) -> Bool {
        var wanted = wanted
        return wanted.withUTF8 { equalsIgnoringCase(range, $0) }
    }

    private func equalsIgnoringCase(_ range: Range<Int>, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        guard range.count == wanted.count else { return false }
        return storage.withUnsafeBufferPointer { bytes in
            var offset = 0
            for index in range {
                if ByteClass.lowercased(bytes[index]) != ByteClass.lowercased(wanted[offset]) { return false }
                offset += 1
            }
            return true
        }
    }

    /// Calls `body` with the range of each non-empty element of a comma-separated list value,
    /// optional whitespace trimmed (RFC 9110 §5.6.1).
    func forEachListElement(in entry: Entry, _ body: (Range<Int>) -> Void) {
        storage.withUnsafeBufferPointer { bytes in
            var start = Int(entry.valueStart)
            let end = Int(entry.valueEnd)
            while start <= end {
                var stop = start
                while stop < end && bytes[stop] != UInt8(ascii: ",") { stop += 1 }
                var lower = start, upper = stop
                while lower < upper && (bytes[lower] == ByteClass.space || bytes[lower] == ByteClass.tab) { lower += 1 }
                while upper > lower && (bytes[upper - 1] == ByteClass.space || bytes[upper - 1] == ByteClass.tab) { upper -= 1 }
                if lower < upper { body(lower..<upper) }
                start = stop + 1
            }
        }
    }

    func string(_ start: Int, _ end: Int) -> String {
        storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// The size of the wire form `write(to:)` produces.
    var wireByteCount: Int {
        entries.reduce(0) { $0 + Int($1.nameEnd - $1.nameStart) + Int($1.valueEnd - $1.valueStart) + 4 }
    }

    /// Writes `name: value\r\n` for every field, the wire form a serializer needs.
    func write(to writer: inout ByteWriter) {
        storage.withUnsafeBufferPointer { bytes in
            for entry in entries {
                writer.write(UnsafeBufferPointer(rebasing: bytes[Int(entry.nameStart)..<Int(entry.nameEnd)]))
                writer.write(ByteClass.colon)
                writer.write(ByteClass.space)
                writer.write(UnsafeBufferPointer(rebasing: bytes[Int(entry.valueStart)..<Int(entry.valueEnd)]))
                writer.write(ByteClass.cr)
                writer.write(ByteClass.lf)
            }
        }
    }

    public static func == (lhs: HTTPFields, rhs: HTTPFields) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }
}
