/// Where the encoder finds a field or a name in its dynamic table without searching it: the insertion
/// number of the newest entry holding each.
struct TablePositions: EvictionObserver {
    private(set) var insertionOfField: [HPACKField: Int] = [:]
    private(set) var insertionOfName: [[UInt8]: Int] = [:]

    mutating func record(_ field: HPACKField, insertion: Int) {
        insertionOfField[field] = insertion
        insertionOfName[field.name] = insertion
    }

    /// Drops the positions of an evicted entry, unless a newer entry holds the same field or name.
    /// Eviction goes oldest first, so an evicted entry that was a name's newest was its last.
    mutating func didEvict(_ field: HPACKField, insertion: Int) {
        if insertionOfField[field] == insertion { insertionOfField[field] = nil }
        if insertionOfName[field.name] == insertion { insertionOfName[field.name] = nil }
    }
}
