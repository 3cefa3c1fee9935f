/// Encodes header blocks (RFC 7541 §3.2), keeping the dynamic table the peer's decoder will mirror.
public struct HPACKEncoder: Sendable {
    /// The largest dynamic table this encoder keeps, however large the peer allows: its entries are
    /// fields we sent, held for as long as the connection lasts.
    static let tableSizeLimit = 65536

    private var table: DynamicTable
    private var positions = TablePositions()
    /// Table size changes not yet signalled: the smallest in the interval and the last (§4.2).
    private var pendingSizeUpdate: (smallest: Int, last: Int)?

    public init(maxTableSize: Int = 4096) {
        table = DynamicTable(capacity: maxTableSize)
        if maxTableSize > Self.tableSizeLimit { setMaxTableSize(maxTableSize) }
    }

    /// The peer's SETTINGS_HEADER_TABLE_SIZE changed: the next block starts with a dynamic table size
    /// update (RFC 7541 §4.2, §6.3) no larger than this.
    public mutating func setMaxTableSize(_ size: Int) {
        let adopted = min(size, Self.tableSizeLimit)
        pendingSizeUpdate = (min(pendingSizeUpdate?.smallest ?? adopted, adopted), adopted)
    }

    /// Appends one header block. Fields in the static or dynamic table are indexed; others are literals
    /// (see `indexing(of:)`), with strings Huffman-coded when that is shorter.
    public mutating func encode(_ fields: [HPACKField], into output: inout [UInt8]) {
        if let update = pendingSizeUpdate {
            // A reduction then an increase between two blocks is signalled as both (§4.2).
            if update.smallest < update.last { signalSizeUpdate(update.smallest, into: &output) }
            signalSizeUpdate(update.last, into: &output)
            pendingSizeUpdate = nil
        }
        for field in fields { encode(field, into: &output) }
    }

    private mutating func encode(_ field: HPACKField, into output: inout [UInt8]) {
        if let index = StaticTable.indexOfField[field] ?? dynamicIndex(positions.insertionOfField[field]) {
            HPACKInteger.encode(index, prefixBits: 7, flags: 0x80, into: &output)
            return
        }
        let nameIndex = StaticTable.indexOfName[field.name] ?? dynamicIndex(positions.insertionOfName[field.name]) ?? 0
        let indexing = indexing(of: field)
        switch indexing {
        case .incremental: HPACKInteger.encode(nameIndex, prefixBits: 6, flags: 0x40, into: &output)
        case .without: HPACKInteger.encode(nameIndex, prefixBits: 4, flags: 0x00, into: &output)
        case .never: HPACKInteger.encode(nameIndex, prefixBits: 4, flags: 0x10, into: &output)
        }
        if nameIndex == 0 { HPACKString.encode(field.name, into: &output) }
        HPACKString.encode(field.value, into: &output)
        if indexing == .incremental { insert(field) }
    }

    private enum Indexing { case incremental, without, never }

    /// Credentials are never indexed, so that no intermediary indexes them either and a guessing
    /// attacker cannot probe the table for them (§7.1.3): `authorization`, `proxy-authorization`,
    /// `set-cookie`, and `cookie` values short enough to guess (under 20 octets). A field larger than
    /// the table would only empty it (§4.4), so it goes without indexing.
    private func indexing(of field: HPACKField) -> Indexing {
        switch field.name {
        case Self.authorization, Self.proxyAuthorization, Self.setCookie: return .never
        case Self.cookie where field.value.count < 20: return .never
        default: return field.size > table.capacity ? .without : .incremental
        }
    }

    private static let authorization = Array("authorization".utf8)
    private static let proxyAuthorization = Array("proxy-authorization".utf8)
    private static let setCookie = Array("set-cookie".utf8)
    private static let cookie = Array("cookie".utf8)

    /// The index (§2.3.3) of the dynamic table entry inserted as number `insertion`, if still there.
    private func dynamicIndex(_ insertion: Int?) -> Int? {
        guard let insertion, let index = table.index(ofInsertion: insertion) else { return nil }
        return StaticTable.fields.count + index
    }

    /// Inserts a field `indexing(of:)` found small enough to fit.
    private mutating func insert(_ field: HPACKField) {
        table.insert(field, observer: &positions)
        positions.record(field, insertion: table.insertions - 1)
    }

    private mutating func signalSizeUpdate(_ size: Int, into output: inout [UInt8]) {
        HPACKInteger.encode(size, prefixBits: 5, flags: 0x20, into: &output)
        table.setCapacity(size, observer: &positions)
    }
}
