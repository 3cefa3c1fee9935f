/// Validates a complete head (request line + header section, CRLF-terminated lines ending in an
/// empty line) and builds a `RequestHead`. A head that arrives in pieces is judged byte by byte
/// by `SectionScanner`, which finds its end; this checks every rule on the complete bytes
/// (HTTP-RULES.md, RFC 9112 §2–§6), the syntax the scanner judges included.
struct HeadParser {
    let limits: ParserLimits

    func parse(_ head: [UInt8]) throws(HTTPParseError) -> RequestHead {
        var entries: [HTTPFields.Entry] = []
        entries.reserveCapacity(16)
        let section = try head.withUnsafeBufferPointer { (bytes) throws(HTTPParseError) in try parseSection(bytes, into: &entries) }
        return try build(HTTPFields(storage: head, entries: entries), section.line, section.known)
    }

    /// Parses the head at `start` in `buffer` (which may hold more after it) in one pass: the
    /// common case of a complete head already buffered, with no separate scan for its end.
    /// Nil unless the bytes start with a complete, valid head within the limits — the caller
    /// then takes the incremental path, which gives the verdict (so it stays the same however
    /// the bytes were split). The limits are those `SectionScanner` enforces, measured alike.
    /// The head's fields are built in `buffers` (emptied first), which the head then shares.
    /// `end` is where the bytes after the head start in `buffer`. When the head is all the
    /// buffer holds (a keep-alive request read whole), it is not copied: the buffer becomes the
    /// head's storage, and the storage it replaces becomes the buffer, all of it consumed.
    func parseBuffered(_ buffer: inout [UInt8], from start: Int, in buffers: inout HeadBuffers) -> (head: RequestHead, end: Int)? {
        guard let section = try? buffer.withUnsafeBufferPointer({ (all) throws(HTTPParseError) in
            try parseSection(UnsafeBufferPointer(rebasing: all[start...]), into: &buffers.entries)
        }) else { return nil }
        let fieldsStart = section.line.fieldsStart
        // Line terminators are not counted (SectionScanner.counts).
        guard fieldsStart - 2 <= limits.maxRequestLineBytes, section.end - fieldsStart - 2 <= limits.maxHeaderBytes,
              buffers.entries.count <= limits.maxFieldCount
        else { return nil }
        let inPlace = start == 0 && section.end == buffer.count
        if inPlace {
            swap(&buffers.storage, &buffer)
        } else {
            buffer.withUnsafeBufferPointer { all in
                buffers.storage.replaceContents(with: UnsafeBufferPointer(rebasing: all[start..<(start + section.end)]))
            }
        }
        guard let head = try? build(buffers.fields, section.line, section.known) else {
            // The incremental path gives the verdict, on the bytes where they were.
            if inPlace { swap(&buffers.storage, &buffer) }
            return nil
        }
        return (head, inPlace ? buffer.count : start + section.end)
    }

    // Structs, not tuples: a tuple holding the method's enum was copied through the runtime's
    // generic tuple witnesses (~2,000 instructions per head). `parseSection` and `build` are
    // inlined into both callers: called out of line they cost ~130 instructions per head.
    private struct RequestLine {
        let method: MethodCode
        let target: Range<Int>
        let version: HTTPVersion
        let fieldsStart: Int
    }

    /// The request line and what the field lines up to the empty line tell; `end` is the index after it.
    private struct Section {
        let line: RequestLine
        let known: KnownFields
        let end: Int
    }

    @inline(__always)
    private func parseSection(
        _ bytes: UnsafeBufferPointer<UInt8>, into entries: inout [HTTPFields.Entry]
    ) throws(HTTPParseError) -> Section {
        var known = KnownFields()
        let line = try parseRequestLine(bytes)
        let end = try parseFields(bytes, from: line.fieldsStart, into: &entries, known: &known)
        return Section(line: line, known: known, end: end)
    }

    @inline(__always)
    private func build(_ fields: HTTPFields, _ line: RequestLine, _ known: KnownFields) throws(HTTPParseError) -> RequestHead {
        try checkTarget(fields, line.target, method: line.method)
        let framing = try FramingRules(limits: limits).framing(of: fields, known: known, version: line.version)
        try checkHost(count: known.hostCount, version: line.version)
        return RequestHead(method: line.method, version: line.version, fields: fields, framing: framing,
                           targetRange: line.target, known: known)
    }

    /// `method SP request-target SP HTTP-version CRLF` (RFC 9112 §3).
    private func parseRequestLine(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> RequestLine {
        var index = 0
        let method: MethodCode
        if let common = MethodCode.common(atStartOf: bytes) {
            method = common.code
            index = common.length
        } else {
            while index < bytes.count && ByteClass.isToken(bytes[index]) { index += 1 }
            guard index > 0, index < bytes.count, bytes[index] == ByteClass.space else { throw .malformedRequestLine }
            method = MethodCode(bytes: UnsafeBufferPointer(rebasing: bytes[0..<index]))
        }
        index += 1
        let targetStart = index
        // Skips the target's bytes eight at a time; the loop judges the byte that stopped it.
        index = ByteClass.endOfVisibleRun(bytes, from: index)
        while index < bytes.count && bytes[index] != ByteClass.space {
            if bytes[index] == ByteClass.cr { throw .malformedRequestLine }
            // A CTL, space or byte >= 0x80 in the target is refused (RFC 9112 §3.2).
            guard ByteClass.isVisibleASCII(bytes[index]) else { throw .invalidRequestTarget }
            index += 1
        }
        guard index > targetStart, index < bytes.count else { throw .malformedRequestLine }
        let target = targetStart..<index
        index += 1
        let version = try parseVersion(bytes, at: index)
        index += 8
        guard index + 1 < bytes.count, bytes[index] == ByteClass.cr, bytes[index + 1] == ByteClass.lf else {
            throw .malformedRequestLine
        }
        return RequestLine(method: method, target: target, version: version, fieldsStart: index + 2)
    }

    /// `HTTP/1.1` or `HTTP/1.0`; another well-formed `HTTP/d.d` is 505, anything else 400.
    private func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws(HTTPParseError) -> HTTPVersion {
        guard index + 8 <= bytes.count else { throw .malformedRequestLine }
        // The two versions spoken, each compared as one little-endian word.
        switch UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self) {
        case 0x312E_312F_5054_5448: return .http11 // "HTTP/1.1"
        case 0x302E_312F_5054_5448: return .http10 // "HTTP/1.0"
        default: break
        }
        let text = UnsafeBufferPointer(rebasing: bytes[index..<index + 8])
        guard ASCII.equals(UnsafeBufferPointer(rebasing: text[0..<5]), "HTTP/"), text[6] == UInt8(ascii: "."),
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[5]),
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[7])
        else { throw .malformedRequestLine }
        switch (text[5], text[7]) {
        case (UInt8(ascii: "1"), UInt8(ascii: "1")): return .http11
        case (UInt8(ascii: "1"), UInt8(ascii: "0")): return .http10
        default: throw .unsupportedVersion
        }
    }

    /// field-line = field-name ":" OWS field-value OWS (RFC 9112 §5). Returns the index just
    /// after the empty line that ends the section; the field lines replace `entries`' contents.
    @discardableResult
    func parseFields(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into entries: inout [HTTPFields.Entry],
        known: inout KnownFields
    ) throws(HTTPParseError) -> Int {
        try ByteClass.tokenTable.withUnsafeBufferPointer { (isToken) throws(HTTPParseError) in
            try parseFieldLines(bytes, from: start, into: &entries, known: &known, isToken: isToken)
        }
    }

    private func parseFieldLines(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into entries: inout [HTTPFields.Entry],
        known: inout KnownFields, isToken: UnsafeBufferPointer<UInt8>
    ) throws(HTTPParseError) -> Int {
        // Entries hold 32-bit offsets: a section past 2 GiB is cut short there (and refused), so
        // each offset converts without a check.
        let bytes = UnsafeBufferPointer(rebasing: bytes[..<min(bytes.count, Int(Int32.max))])
        // Entries gather on the stack and replace `entries`' contents in batches, and the known
        // names are noted batch by batch: a call per field (an append, a name check) cost its own
        // work, spills, and reloading the scans' constants after it.
        return try withUnsafeTemporaryAllocation(of: HTTPFields.Entry.self, capacity: 32) {
            (pending) throws(HTTPParseError) -> Int in
            var pendingCount = 0
            var flushedCount = 0
            func flush() {
                for offset in 0..<pendingCount {
                    let entry = pending[offset]
                    let name = UnsafeBufferPointer(rebasing: bytes[Int(entry.nameStart)..<Int(entry.nameEnd)])
                    if KnownFields.mayNote(length: name.count, first: name[0]) { known.note(name, entry: flushedCount + offset) }
                }
                let batch = UnsafeBufferPointer(rebasing: pending[..<pendingCount])
                if flushedCount == 0 { entries.replaceContents(with: batch) } else { entries.append(contentsOf: batch) }
                flushedCount += pendingCount
                pendingCount = 0
            }
            // Every index stays below `bytes.count` plus two, so `&+` cannot overflow.
            var lineStart = start
            while true {
                guard lineStart &+ 1 < bytes.count else { throw .malformedField }
                if bytes[lineStart] == ByteClass.cr && bytes[lineStart &+ 1] == ByteClass.lf {
                    flush()
                    return lineStart &+ 2
                }
                // A line starting with whitespace continues the previous one: obs-fold (§5.2).
                if bytes[lineStart] == ByteClass.space || bytes[lineStart] == ByteClass.tab { throw .obsoleteLineFolding }
                // A name holds no control byte, so the first one from the line's start is, in a
                // valid line, the CR of its CRLF. Scanning for it from here rather than from the
                // value keeps each line's end one scan away from the last line's: the name's
                // scan and checks run beside it instead of in front of it.
                let lineEnd = VectorScan.firstControl(in: bytes, from: lineStart)
                // Field names are runs of token bytes: letters, digits and dashes sixteen at a time;
                // when that stops short of the colon, the rest four lookups per branch, then one at a time.
                var index = VectorScan.firstNonNameLetter(in: bytes, from: lineStart)
                if index >= bytes.count || bytes[index] != ByteClass.colon {
                    index = try endOfName(bytes, from: index, lineStart: lineStart, isToken: isToken)
                }
                guard index > lineStart else { throw .malformedField }
                let nameEnd = index
                index &+= 1
                while index < bytes.count && (bytes[index] == ByteClass.space || bytes[index] == ByteClass.tab) { index &+= 1 }
                let valueStart = index
                // Most values are field-content up to the CRLF; anything else (a tab, a bare CR,
                // another CTL, the buffer's tail) is judged by `endOfValue`.
                if lineEnd >= valueStart && lineEnd &+ 1 < bytes.count && bytes[lineEnd] == ByteClass.cr
                    && bytes[lineEnd &+ 1] == ByteClass.lf {
                    index = lineEnd
                } else {
                    index = try endOfValue(bytes, from: valueStart)
                }
                var valueEnd = index
                while valueEnd > valueStart && (bytes[valueEnd &- 1] == ByteClass.space || bytes[valueEnd &- 1] == ByteClass.tab) {
                    valueEnd &-= 1
                }
                if pendingCount == pending.count { flush() }
                pending.initializeElement(at: pendingCount, to: HTTPFields.Entry(
                    nameStart: Int32(truncatingIfNeeded: lineStart), nameEnd: Int32(truncatingIfNeeded: nameEnd),
                    valueStart: Int32(truncatingIfNeeded: valueStart), valueEnd: Int32(truncatingIfNeeded: valueEnd)))
                pendingCount &+= 1
                lineStart = index &+ 2
            }
        }
    }

    /// Returns the index of the colon ending a field name that starts at `lineStart`, judging
    /// from `index` on (the bytes before it are letters, digits or dashes).
    private func endOfName(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, lineStart: Int, isToken: UnsafeBufferPointer<UInt8>
    ) throws(HTTPParseError) -> Int {
        var index = start
        while index + 4 <= bytes.count,
              isToken[Int(bytes[index])] & isToken[Int(bytes[index + 1])] & isToken[Int(bytes[index + 2])]
                & isToken[Int(bytes[index + 3])] != 0 {
            index += 4
        }
        while index < bytes.count && isToken[Int(bytes[index])] != 0 { index += 1 }
        guard index < bytes.count else { throw .malformedField }
        if bytes[index] != ByteClass.colon {
            // No whitespace is allowed between field name and colon (§5.1).
            if index > lineStart && (bytes[index] == ByteClass.space || bytes[index] == ByteClass.tab) {
                throw .whitespaceBeforeColon
            }
            throw .malformedField
        }
        return index
    }

    /// Returns the index of the CR ending a field value, judging from `start` on. A CR is allowed
    /// only as the first byte of the line's CRLF; a bare CR, NUL or other CTL is refused
    /// (RFC 9110 §5.5, RFC 9112 §2.2). Ordinary bytes are skipped sixteen at a time (eight near
    /// the end), and a block with a control byte in it leads straight to that byte.
    private func endOfValue(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(HTTPParseError) -> Int {
        var index = start
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        let wordsEnd = bytes.count - 8
        while true {
            index = VectorScan.firstControl(in: bytes, from: index)
            if index <= wordsEnd {
                let marks = ByteClass.controlMarks(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                guard marks != 0 else {
                    index &+= 8
                    continue
                }
                index &+= marks.trailingZeroBitCount >> 3
            }
            guard index < bytes.count else { throw .malformedField }
            let byte = bytes[index]
            if byte == ByteClass.cr {
                guard index + 1 < bytes.count, bytes[index + 1] == ByteClass.lf else { throw .invalidFieldValue }
                return index
            }
            guard ByteClass.isFieldValueByte(byte) else { throw .invalidFieldValue }
            index += 1
        }
    }

    /// origin-form normally; absolute-form accepted (without userinfo, RFC 9110 §4.2.4);
    /// `*` only with OPTIONS; authority-form only with CONNECT (RFC 9112 §3.2).
    @inline(__always)
    private func checkTarget(_ fields: HTTPFields, _ range: Range<Int>, method: MethodCode) throws(HTTPParseError) {
        // The first byte decides origin-form, the common case, inline and before the target is
        // sliced out of the storage (a slice retains it).
        let first = fields.storage[range.lowerBound]
        if first == UInt8(ascii: "/") && method != .connect { return }
        try checkOtherTarget(fields.storage[range], first: first, method: method)
    }

    private func checkOtherTarget(_ target: ArraySlice<UInt8>, first: UInt8, method: MethodCode) throws(HTTPParseError) {
        if method == .connect {
            guard first != UInt8(ascii: "/"), !target.contains(UInt8(ascii: "/")), !target.contains(UInt8(ascii: "@")),
                  target.contains(ByteClass.colon)
            else { throw .invalidRequestTarget }
            return
        }
        if target.count == 1 && first == UInt8(ascii: "*") {
            guard method == .options else { throw .invalidRequestTarget }
            return
        }
        // absolute-form: scheme "://" authority [path]
        guard let colon = target.firstIndex(of: ByteClass.colon), colon > target.startIndex,
              target[target.startIndex..<colon].allSatisfy({ ByteClass.isToken($0) && $0 != UInt8(ascii: "/") }),
              target[colon...].starts(with: "://".utf8)
        else { throw .invalidRequestTarget }
        let authorityStart = colon + 3
        let authorityEnd = target[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }
            ?? target.endIndex
        guard authorityEnd > authorityStart, !target[authorityStart..<authorityEnd].contains(UInt8(ascii: "@")) else {
            throw .invalidRequestTarget
        }
    }

    /// HTTP/1.1 requires exactly one Host; no request may carry two (RFC 9112 §3.2).
    private func checkHost(count hosts: Int, version: HTTPVersion) throws(HTTPParseError) {
        if hosts > 1 { throw .multipleHosts }
        if hosts == 0 && version == .http11 { throw .missingHost }
    }
}
