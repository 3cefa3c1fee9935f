/// Decodes `Transfer-Encoding: chunked` framing (RFC 9112 §7.1) byte-split safe: a chunk line
/// `chunk-size [ chunk-ext ] CRLF` judged byte by byte against the grammar, then the data and its
/// CRLF; a zero size ends the data (the trailer section that follows is scanned by `SectionScanner`).
struct ChunkedDecoder {
    enum Output: Equatable {
        case data(Range<Int>)
        case lastChunk
    }

    private enum State {
        case line(LinePlace)
        /// The chunk line's CR has arrived; only its LF may follow.
        case lineFeed
        case data(remaining: Int)
        case dataCR
        case dataLF
    }

    /// Where the next byte falls in `chunk-size [ chunk-ext ]` (§7.1, §7.1.1):
    /// chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ),
    /// chunk-ext-val = token / quoted-string.
    private enum LinePlace {
        case sizeStart
        case size
        case name
        case tokenValue
        case quotedValue
        /// After a backslash inside a quoted value (quoted-pair, RFC 9110 §5.6.4).
        case quotedPair
        case closedQuote
        /// BWS after an element: only more BWS, ";" or (after a name) "=" may follow — never
        /// the line's end, since BWS belongs to a following ";" or "=".
        case whitespace(after: Element)
        case whitespaceBeforeName
        case whitespaceBeforeValue
    }

    private enum Element { case size, name, value }

    let limits: ParserLimits
    private var state = State.line(.sizeStart)
    private var chunkSize = 0
    private var lineBytes = 0
    private var bodyBytes = 0

    init(limits: ParserLimits) { self.limits = limits }

    /// Consumes from `bytes[index...]`, returning the next output, or nil when more bytes are needed.
    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, index: inout Int) throws(HTTPParseError) -> Output? {
        while index < bytes.count {
            if case .data(let remaining) = state {
                let take = min(remaining, bytes.count - index)
                let range = index..<index + take
                index += take
                state = remaining == take ? .dataCR : .data(remaining: remaining - take)
                return .data(range)
            }
            let byte = bytes[index]
            index += 1
            if let output = try step(byte) { return output }
        }
        return nil
    }

    /// Out of line: inlined into `RequestParser.next`, it slowed every call, whole heads included.
    @inline(never)
    private mutating func step(_ byte: UInt8) throws(HTTPParseError) -> Output? {
        switch state {
        case .line(let place):
            try countLineByte()
            // Lines end in CRLF; a bare LF is refused here as in the head (HTTP-RULES, RFC 9112 §2.2).
            guard byte != ByteClass.lf else { throw .bareLineFeed }
            state = try next(after: byte, in: place)
            return nil
        case .lineFeed:
            guard byte == ByteClass.lf else { throw .invalidChunkSize }
            return try endOfLine()
        case .dataCR:
            guard byte == ByteClass.cr else { throw .missingChunkDataTerminator }
            state = .dataLF
            return nil
        case .dataLF:
            guard byte == ByteClass.lf else { throw .missingChunkDataTerminator }
            state = .line(.sizeStart)
            chunkSize = 0
            return nil
        case .data:
            preconditionFailure("data is consumed in bulk by decode")
        }
    }

    /// Judges one byte of the chunk line (not its LF) and returns the state for the next one.
    private mutating func next(after byte: UInt8, in place: LinePlace) throws(HTTPParseError) -> State {
        switch place {
        case .sizeStart, .size:
            if let digit = ByteClass.hexValue(byte) {
                // Overflow-checked: 20 hex digits must not wrap to a small size.
                let (times16, overflow) = chunkSize.multipliedReportingOverflow(by: 16)
                guard !overflow else { throw .invalidChunkSize }
                chunkSize = times16 + digit
                return .line(.size)
            }
            // chunk-size = 1*HEXDIG
            guard case .size = place else { throw .invalidChunkSize }
            return try end(of: .size, at: byte)
        case .name:
            return ByteClass.isToken(byte) ? .line(.name) : try end(of: .name, at: byte)
        case .tokenValue:
            return ByteClass.isToken(byte) ? .line(.tokenValue) : try end(of: .value, at: byte)
        case .quotedValue:
            switch byte {
            case Self.doubleQuote: return .line(.closedQuote)
            case Self.backslash: return .line(.quotedPair)
            default:
                guard Self.isQuotedText(byte) else { throw .invalidChunkExtension }
                return .line(.quotedValue)
            }
        case .quotedPair:
            // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ): the field-value bytes.
            guard ByteClass.isFieldValueByte(byte) else { throw .invalidChunkExtension }
            return .line(.quotedValue)
        case .closedQuote:
            return try end(of: .value, at: byte)
        case .whitespace(let element):
            return Self.isWhitespace(byte) ? .line(place) : try delimiter(byte, after: element)
        case .whitespaceBeforeName:
            if Self.isWhitespace(byte) { return .line(place) }
            // An empty name (`2;` or `2;;a`) is refused: chunk-ext-name = token.
            guard ByteClass.isToken(byte) else { throw .invalidChunkExtension }
            return .line(.name)
        case .whitespaceBeforeValue:
            if Self.isWhitespace(byte) { return .line(place) }
            if byte == Self.doubleQuote { return .line(.quotedValue) }
            guard ByteClass.isToken(byte) else { throw .invalidChunkExtension }
            return .line(.tokenValue)
        }
    }

    /// Right after the size, a name or a value: the line's CR, BWS, or a delimiter.
    private func end(of element: Element, at byte: UInt8) throws(HTTPParseError) -> State {
        switch byte {
        case ByteClass.cr: .lineFeed
        case ByteClass.space, ByteClass.tab: .line(.whitespace(after: element))
        default: try delimiter(byte, after: element)
        }
    }

    /// ";" starts another extension; "=" starts the value of the name before it.
    private func delimiter(_ byte: UInt8, after element: Element) throws(HTTPParseError) -> State {
        if byte == Self.semicolon { return .line(.whitespaceBeforeName) }
        if byte == Self.equals && element == .name { return .line(.whitespaceBeforeValue) }
        throw element == .size ? .invalidChunkSize : .invalidChunkExtension
    }

    private mutating func endOfLine() throws(HTTPParseError) -> Output? {
        lineBytes = 0
        if chunkSize == 0 { return .lastChunk }
        guard chunkSize <= limits.maxBodyBytes - bodyBytes else { throw .bodyTooLarge }
        bodyBytes += chunkSize
        state = .data(remaining: chunkSize)
        return nil
    }

    /// Chunk lines with their extensions are bounded by the header limit; the LF is not counted.
    private mutating func countLineByte() throws(HTTPParseError) {
        lineBytes += 1
        if lineBytes > limits.maxHeaderBytes { throw .headerSectionTooLarge }
    }

    private static let doubleQuote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let semicolon = UInt8(ascii: ";")
    private static let equals = UInt8(ascii: "=")

    /// BWS = *( SP / HTAB ) (RFC 9110 §5.6.3).
    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == ByteClass.space || byte == ByteClass.tab }

    /// qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text (RFC 9110 §5.6.4): a field-value
    /// byte other than the quote and the backslash.
    private static func isQuotedText(_ byte: UInt8) -> Bool {
        ByteClass.isFieldValueByte(byte) && byte != doubleQuote && byte != backslash
    }
}
