/// Why a header block could not be decoded. Every case but `headerListTooLarge` leaves the decoder
/// unusable: the connection ends with COMPRESSION_ERROR (RFC 9113 §4.3).
public enum HPACKError: Error, Sendable, Equatable {
    /// The block ends inside an integer, a string or a representation.
    case truncated
    /// An integer with more continuation bytes than any sane value needs (RFC 7541 §5.1 leaves the
    /// limit to the implementation).
    case integerOverflow
    /// Index 0, or an index beyond the static and dynamic tables (RFC 7541 §2.3.3).
    case invalidIndex(Int)
    /// Huffman padding longer than 7 bits or not all ones, or the EOS symbol (RFC 7541 §5.2).
    case invalidHuffman
    /// A dynamic table size update above the SETTINGS_HEADER_TABLE_SIZE we advertised (RFC 7541 §6.3).
    case tableSizeUpdateTooLarge(Int)
    /// A dynamic table size update after a field representation (RFC 7541 §4.2).
    case tableSizeUpdateNotAtStart
    /// The decoded header list exceeds the limit. The dynamic table is still correct: only the stream
    /// needs refusing.
    case headerListTooLarge
    /// One string literal longer than the whole header list may be: refused before it is read.
    case fieldTooLarge
}
