/// Decodes header blocks (RFC 7541 §3.2), keeping the dynamic table the peer's encoder builds.
public struct HPACKDecoder: Sendable {
    /// The SETTINGS_HEADER_TABLE_SIZE we advertise: the most a size update may ask for (§6.3).
    let maxTableSize: Int
    /// Bound on a decoded header list, counted as RFC 9113 §6.5.2 does (name + value + 32 per field).
    let maxHeaderListSize: Int
    private(set) var table: DynamicTable

    /// maxTableSize: the SETTINGS_HEADER_TABLE_SIZE we advertise (default 4096); maxHeaderListSize: bound
    /// on the decoded list, counted as RFC 9113 §6.5.2 does (name + value + 32 per field), checked while
    /// decoding so a bomb stops early.
    public init(maxTableSize: Int = 4096, maxHeaderListSize: Int = 65536) {
        self.maxTableSize = maxTableSize
        self.maxHeaderListSize = maxHeaderListSize
        table = DynamicTable(capacity: maxTableSize)
    }

    /// Decodes one complete header block (all HEADERS and CONTINUATION fragments concatenated). After
    /// any error but `headerListTooLarge` the decoder is unusable (COMPRESSION_ERROR, RFC 9113 §4.3).
    /// A list over `maxHeaderListSize` stops being stored at the field that crosses the limit, but the
    /// rest of the block is still decoded for its effects on the dynamic table. A single string longer
    /// than `maxHeaderListSize` is `fieldTooLarge`, refused before it is read (a connection error).
    public mutating func decode(_ block: [UInt8]) throws(HPACKError) -> [HPACKField] {
        var fields: [HPACKField] = []
        var listSize = 0
        var listTooLarge = false
        var position = 0
        // Size updates come before the first field representation of a block (§4.2).
        var atStart = true
        while position < block.count {
            let first = block[position]
            let field: HPACKField
            if first & 0x80 != 0 {
                // Indexed (§6.1).
                field = try indexedField(try HPACKInteger.decode(block, at: &position, prefixBits: 7))
            } else if first & 0x40 != 0 {
                // Literal with incremental indexing (§6.2.1).
                field = try literalField(block, at: &position, prefixBits: 6)
                table.insert(field)
            } else if first & 0x20 != 0 {
                // Dynamic table size update (§6.3).
                guard atStart else { throw .tableSizeUpdateNotAtStart }
                let newCapacity = try HPACKInteger.decode(block, at: &position, prefixBits: 5)
                guard newCapacity <= maxTableSize else { throw .tableSizeUpdateTooLarge(newCapacity) }
                table.setCapacity(newCapacity)
                continue
            } else {
                // Literal without indexing (0000, §6.2.2) or never indexed (0001, §6.2.3).
                field = try literalField(block, at: &position, prefixBits: 4)
            }
            atStart = false
            guard !listTooLarge else { continue }
            listSize += field.size
            if listSize > maxHeaderListSize {
                listTooLarge = true
                fields = []
            } else {
                fields.append(field)
            }
        }
        if listTooLarge { throw .headerListTooLarge }
        return fields
    }

    /// The field at `index` of the static table followed by the dynamic table (§2.3.3).
    private func indexedField(_ index: Int) throws(HPACKError) -> HPACKField {
        if index >= 1 && index <= StaticTable.fields.count { return StaticTable.fields[index - 1] }
        let dynamicIndex = index - StaticTable.fields.count
        guard dynamicIndex >= 1 && dynamicIndex <= table.count else { throw .invalidIndex(index) }
        return table[dynamicIndex]
    }

    /// A literal representation (§6.2): a name index in the prefix (0: a literal name follows), then the value.
    private func literalField(_ block: [UInt8], at position: inout Int, prefixBits: Int) throws(HPACKError) -> HPACKField {
        let nameIndex = try HPACKInteger.decode(block, at: &position, prefixBits: prefixBits)
        let name = nameIndex == 0
            ? try HPACKString.decode(block, at: &position, maxLength: maxHeaderListSize)
            : try indexedField(nameIndex).name
        let value = try HPACKString.decode(block, at: &position, maxLength: maxHeaderListSize)
        return HPACKField(name: name, value: value)
    }
}
