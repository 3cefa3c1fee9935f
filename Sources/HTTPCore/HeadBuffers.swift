/// The two arrays a head's fields live in (its bytes and its field entries). A connection's
/// parser keeps those of the head it handed out last and parses the next head into them: once
/// the consumer has dropped that head the parser holds them alone, so on a keep-alive
/// connection a head costs no allocation. A head still held elsewhere is never written to:
/// refilling shared arrays gives fresh ones (copy-on-write).
struct HeadBuffers {
    var storage: [UInt8] = []
    var entries: [HTTPFields.Entry] = []

    /// Buffers larger than this are not kept, so an idle connection holds little.
    private static let keptCapacity = 4096

    /// The fields, sharing the arrays (no copy).
    var fields: HTTPFields { HTTPFields(storage: storage, entries: entries) }

    /// Drops arrays too large to keep between requests.
    mutating func trim() {
        if storage.capacity > Self.keptCapacity || entries.capacity * MemoryLayout<HTTPFields.Entry>.stride > Self.keptCapacity {
            self = HeadBuffers()
        }
    }
}
