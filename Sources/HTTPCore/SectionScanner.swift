#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the end of a head or trailer section (the empty line) incrementally, enforcing the
/// size limits as bytes arrive so an attacker cannot make the parser buffer without bound.
/// Remembers how far it has scanned, so feeding one byte at a time stays linear.
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

    let kind: Kind
    let limits: ParserLimits
    private var scanned = 0
    private var lineStart = 0
    private var lines = 0
    private var firstLineEnd = 0

    init(kind: Kind, limits: ParserLimits) {
        self.kind = kind
        self.limits = limits
    }

    /// Nothing scanned yet: the section's first bytes have not been looked at.
    var isFresh: Bool { scanned == 0 }

    /// `bytes` starts at the section's first byte; it may hold more than the section.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        while scanned < bytes.count {
            // memchr scans with SIMD; a byte loop here cost ~7 instructions per head byte.
            guard let found = memchr(bytes.baseAddress! + scanned, Int32(ByteClass.lf), bytes.count - scanned) else {
                scanned = bytes.count
                break
            }
            scanned = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            // Lines end in CRLF; a bare LF is refused (see HTTP-RULES: lenient line endings
            // are a smuggling lever, RFC 9112 §2.2).
            // Size first: the same verdict a split feed reaches before this LF arrives.
            if let error = sizeError() { return .failed(error) }
            guard scanned - 1 > lineStart, bytes[scanned - 2] == ByteClass.cr else { return .failed(.bareLineFeed) }
            if scanned - 2 == lineStart {
                if kind == .head && lines == 0 { return .leadingEmptyLine(scanned) }
                return .complete(scanned)
            }
            if kind == .head && lines == 0 { firstLineEnd = scanned }
            lines += 1
            lineStart = scanned
            let fieldLines = kind == .head ? lines - 1 : lines
            if fieldLines > limits.maxFieldCount { return .failed(.tooManyFields) }
        }
        return sizeError().map { .failed($0) } ?? .needMore
    }

    /// Checked at every line end and whenever input runs out, so the verdict does not depend
    /// on how the bytes were split. The CRLFs themselves are not counted.
    private func sizeError() -> HTTPParseError? {
        if kind == .head && lines == 0 {
            let lineBytes = scanned - lineStart
            let complete = bytes(endingLine: lineBytes)
            return complete > limits.maxRequestLineBytes ? .requestLineTooLong : nil
        }
        let sectionBytes = scanned - firstLineEnd
        return bytes(endingLine: sectionBytes) > limits.maxHeaderBytes ? .headerSectionTooLarge : nil
    }

    /// Byte count without a line terminator that may be the last one or two bytes scanned.
    private func bytes(endingLine count: Int) -> Int { max(0, count - 2) }
}
