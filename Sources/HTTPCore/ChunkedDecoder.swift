/// Decodes `Transfer-Encoding: chunked` framing (RFC 9112 §7.1) byte-split safe:
/// chunk-size in hex, optional extensions, CRLF, data, CRLF; a zero size ends the data
/// (the trailer section that follows is scanned by `SectionScanner`).
struct ChunkedDecoder {
    enum Output: Equatable {
        case data(Range<Int>)
        case lastChunk
    }

    private enum State {
        case size(value: Int, digits: Int)
        case sizeWhitespace(value: Int)
        case extensions(value: Int)
        case sizeLineFeed(value: Int)
        case data(remaining: Int)
        case dataCR
        case dataLF
    }

    let limits: ParserLimits
    private var state = State.size(value: 0, digits: 0)
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

    private mutating func step(_ byte: UInt8) throws(HTTPParseError) -> Output? {
        switch state {
        case .size(let value, let digits):
            try countLineByte()
            if let digit = ByteClass.hexValue(byte) {
                // Overflow-checked: 20 hex digits must not wrap to a small size.
                let (times16, overflow) = value.multipliedReportingOverflow(by: 16)
                guard !overflow else { throw .invalidChunkSize }
                state = .size(value: times16 + digit, digits: digits + 1)
                return nil
            }
            guard digits > 0 else { throw .invalidChunkSize }
            return try endOfSize(byte, value: value)
        case .sizeWhitespace(let value):
            try countLineByte()
            return try endOfSize(byte, value: value)
        case .extensions(let value):
            try countLineByte()
            if byte == ByteClass.cr {
                state = .sizeLineFeed(value: value)
            } else if !ByteClass.isFieldValueByte(byte) {
                throw .invalidChunkExtension
            }
            return nil
        case .sizeLineFeed(let value):
            guard byte == ByteClass.lf else { throw .invalidChunkSize }
            lineBytes = 0
            if value == 0 { return .lastChunk }
            guard value <= limits.maxBodyBytes - bodyBytes else { throw .bodyTooLarge }
            bodyBytes += value
            state = .data(remaining: value)
            return nil
        case .dataCR:
            guard byte == ByteClass.cr else { throw .missingChunkDataTerminator }
            state = .dataLF
            return nil
        case .dataLF:
            guard byte == ByteClass.lf else { throw .missingChunkDataTerminator }
            state = .size(value: 0, digits: 0)
            return nil
        case .data:
            preconditionFailure("data is consumed in bulk by decode")
        }
    }

    /// After the hex digits: optional whitespace (BWS) before `;` extensions, or CRLF.
    private mutating func endOfSize(_ byte: UInt8, value: Int) throws(HTTPParseError) -> Output? {
        switch byte {
        case ByteClass.cr: state = .sizeLineFeed(value: value)
        case ByteClass.space, ByteClass.tab: state = .sizeWhitespace(value: value)
        case UInt8(ascii: ";"): state = .extensions(value: value)
        default: throw .invalidChunkSize
        }
        return nil
    }

    /// Chunk-size lines with their extensions are bounded by the header limit.
    private mutating func countLineByte() throws(HTTPParseError) {
        lineBytes += 1
        if lineBytes > limits.maxHeaderBytes { throw .headerSectionTooLarge }
    }
}
