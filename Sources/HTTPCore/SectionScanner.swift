/// Finds the end of a head or trailer section (the empty line) incrementally, judging each byte
/// as it arrives: a byte that makes the section malformed or too large fails the scan at once,
/// not when the empty line comes, so a client that stops after a bad byte gets its 400 without
/// waiting for the header timeout, and an attacker cannot make the parser buffer without bound.
/// The verdict is the first error in byte order, so it does not depend on how the bytes were
/// split. Only syntax is judged here: `HeadParser` checks the same syntax on the complete head,
/// then the rules that need all of it (Host, framing, target form).
/// Remembers where it stopped, so feeding one byte at a time stays linear.
struct SectionScanner {
    enum Kind { case head, trailers }

    enum Outcome: Equatable {
        case needMore
        /// The section, final empty line included, is this many bytes long.
        case complete(Int)
        /// The head began with an empty line of this many bytes; RFC 9112 §2.2 says to ignore it.
        case leadingEmptyLine(Int)
        case failed(HTTPParseError)
    }

    /// Where the next byte falls: in the request line (RFC 9112 §3) or a field line (§5).
    private enum Place {
        case method
        case target
        case version
        case versionEnd
        case lineStart
        case fieldName
        case fieldValue
        /// A CR has arrived; only LF may follow.
        case lineFeed(ending: Line)
    }

    private enum Line { case leadingEmpty, request, field, empty }

    let limits: ParserLimits
    private var place: Place
    private var scanned = 0
    /// Where the request-target or the HTTP-version began.
    private var partStart = 0
    private var fieldLines = 0
    /// A counted byte at this index or later exceeds the limit of the part being measured: the
    /// request line, then the field lines.
    private var sizeLimitEnd: Int

    init(kind: Kind, limits: ParserLimits) {
        self.limits = limits
        switch kind {
        case .head:
            place = .method
            sizeLimitEnd = limits.maxRequestLineBytes
        case .trailers:
            place = .lineStart
            sizeLimitEnd = limits.maxHeaderBytes
        }
    }

    /// Nothing scanned yet: the section's first bytes have not been looked at.
    var isFresh: Bool { scanned == 0 }

    /// `bytes` starts at the section's first byte; it may hold more than the section.
    /// Out of line: inlined into `RequestParser.next`, it made every call, whole heads included,
    /// load the whole scanner up front.
    @inline(never)
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        while scanned < bytes.count {
            let runStart = scanned
            scanned = endOfRun(bytes)
            // Every byte of a run counts: the limit is crossed inside it if it reaches past the end.
            if scanned > max(runStart, sizeLimitEnd) { return .failed(sizeLimitError) }
            guard scanned < bytes.count else { break }
            let byte = bytes[scanned]
            // Size first, then syntax: at the same byte both may apply.
            if scanned >= sizeLimitEnd && counts(byte) { return .failed(sizeLimitError) }
            scanned += 1
            if let outcome = judge(byte, at: scanned - 1, in: bytes) { return outcome }
        }
        return .needMore
    }

    /// The index of the next byte to judge one at a time: runs of target and field-value bytes
    /// are skipped eight at a time.
    private func endOfRun(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        switch place {
        case .target: ByteClass.endOfVisibleRun(bytes, from: scanned)
        case .fieldValue: Self.endOfFieldContent(bytes, from: scanned)
        default: scanned
        }
    }

    private var isInRequestLine: Bool {
        switch place {
        case .method, .target, .version, .versionEnd, .lineFeed(ending: .leadingEmpty), .lineFeed(ending: .request): true
        case .lineStart, .fieldName, .fieldValue, .lineFeed(ending: .field), .lineFeed(ending: .empty): false
        }
    }

    private var sizeLimitError: HTTPParseError { isInRequestLine ? .requestLineTooLong : .headerSectionTooLarge }

    /// Whether `byte` adds to the measured size for certain. What may turn out to be the part's
    /// terminator, which the limits do not count, does not: a CR or LF in the request line (its
    /// CRLF), the CR starting a line of the section and the LF after it (the final empty line).
    private func counts(_ byte: UInt8) -> Bool {
        if isInRequestLine { return byte != ByteClass.cr && byte != ByteClass.lf }
        switch place {
        case .lineStart: return byte != ByteClass.cr
        case .lineFeed(ending: .empty): return false
        default: return true
        }
    }

    /// Judges the byte at `index` by where it falls; the outcome when it ends the scan.
    private mutating func judge(_ byte: UInt8, at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Outcome? {
        if byte == ByteClass.lf {
            // Lines end in CRLF; a bare LF is refused (see HTTP-RULES: lenient line endings
            // are a smuggling lever, RFC 9112 §2.2).
            guard case .lineFeed(let line) = place else { return .failed(.bareLineFeed) }
            return end(line)
        }
        switch place {
        case .method:
            if ByteClass.isToken(byte) { return nil }
            if byte == ByteClass.space && index > 0 {
                place = .target
                partStart = index + 1
            } else if byte == ByteClass.cr && index == 0 {
                place = .lineFeed(ending: .leadingEmpty)
            } else {
                return .failed(.malformedRequestLine)
            }
        case .target:
            if ByteClass.isVisibleASCII(byte) { return nil }
            if byte == ByteClass.space && index > partStart {
                place = .version
                partStart = index + 1
            } else {
                // A CTL or byte >= 0x80 in the target is refused (RFC 9112 §3.2).
                return .failed(byte == ByteClass.space || byte == ByteClass.cr ? .malformedRequestLine : .invalidRequestTarget)
            }
        case .version:
            let offset = index - partStart
            guard Self.fitsVersion(byte, at: offset) else { return .failed(.malformedRequestLine) }
            guard offset == 7 else { return nil }
            // HTTP/1.1 or HTTP/1.0; another well-formed version is 505.
            guard bytes[index - 2] == UInt8(ascii: "1"), byte == UInt8(ascii: "1") || byte == UInt8(ascii: "0") else {
                return .failed(.unsupportedVersion)
            }
            place = .versionEnd
        case .versionEnd:
            guard byte == ByteClass.cr else { return .failed(.malformedRequestLine) }
            place = .lineFeed(ending: .request)
        case .lineStart:
            switch byte {
            case ByteClass.cr: place = .lineFeed(ending: .empty)
            // A line starting with whitespace continues the previous one: obs-fold (§5.2).
            case ByteClass.space, ByteClass.tab: return .failed(.obsoleteLineFolding)
            default:
                guard ByteClass.isToken(byte) else { return .failed(.malformedField) }
                place = .fieldName
            }
        case .fieldName:
            if ByteClass.isToken(byte) { return nil }
            switch byte {
            case ByteClass.colon: place = .fieldValue
            // No whitespace is allowed between field name and colon (§5.1).
            case ByteClass.space, ByteClass.tab: return .failed(.whitespaceBeforeColon)
            default: return .failed(.malformedField)
            }
        case .fieldValue:
            if byte == ByteClass.cr {
                place = .lineFeed(ending: .field)
            } else if !ByteClass.isFieldValueByte(byte) {
                // NUL and other CTLs are refused (RFC 9110 §5.5).
                return .failed(.invalidFieldValue)
            }
        case .lineFeed(let line):
            // A CR not followed by LF (RFC 9112 §2.2).
            switch line {
            case .leadingEmpty, .request: return .failed(.malformedRequestLine)
            case .field: return .failed(.invalidFieldValue)
            case .empty: return .failed(.malformedField)
            }
        }
        return nil
    }

    /// After a line's LF: the outcome when it ends the scan.
    private mutating func end(_ line: Line) -> Outcome? {
        switch line {
        case .leadingEmpty: return .leadingEmptyLine(scanned)
        case .empty: return .complete(scanned)
        case .request:
            sizeLimitEnd = scanned + limits.maxHeaderBytes
        case .field:
            fieldLines += 1
            if fieldLines > limits.maxFieldCount { return .failed(.tooManyFields) }
        }
        place = .lineStart
        return nil
    }

    /// HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3), matched a byte at a time.
    private static func fitsVersion(_ byte: UInt8, at offset: Int) -> Bool {
        switch offset {
        case 5, 7: byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        default: byte == versionPattern.utf8Start[offset]
        }
    }

    private static let versionPattern: StaticString = "HTTP/d.d"

    /// The index of the first CTL or DEL byte from `start`, found sixteen bytes at a time, then
    /// eight (see `ByteClass.controlMarks`); `bytes.count` minus at most seven when the tail is
    /// left to the caller.
    private static func endOfFieldContent(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        var index = VectorScan.firstControl(in: bytes, from: start)
        while index + 8 <= bytes.count {
            let marks = ByteClass.controlMarks(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            if marks != 0 { return index + marks.trailingZeroBitCount >> 3 }
            index += 8
        }
        return index
    }
}
