/// Walks a chunked body (RFC 9112 §7.1) as its bytes arrive: chunk-size in hex with optional
/// `;` extensions, CRLF, data, CRLF, ..., the last chunk `0`, optional trailer fields, a final
/// CRLF. It remembers the last whole chunk it passed, so a later call does not start over.
struct ChunkedBodyScanner {
    let limits: ResponseLimits
    /// Where the next chunk-size line, or after the last chunk the trailer section, starts.
    private var position: Int
    private var reachedLastChunk = false
    private var dataBytes = 0

    init(bodyStart: Int, limits: ResponseLimits) {
        position = bodyStart
        self.limits = limits
    }

    /// The index just past the body's final CRLF, or nil while more bytes are needed.
    mutating func bodyEnd(in bytes: [UInt8]) throws(ResponseReadError) -> Int? {
        while !reachedLastChunk {
            let line = try CRLFLines.line(in: bytes, from: position, limit: limits.chunkLineBytes, what: "chunk-size line")
            guard let (sizeLine, dataStart) = line else { return nil }
            let size = try chunkSize(bytes[sizeLine])
            if size == 0 {
                reachedLastChunk = true
                position = dataStart
                break
            }
            let dataEnd = dataStart + size
            guard bytes.count >= dataEnd + 2 else { return nil }
            guard bytes[dataEnd] == CRLFLines.cr, bytes[dataEnd + 1] == CRLFLines.lf else {
                throw .malformed("chunk data not followed by CRLF: \(ResponseReadError.quoted(bytes[dataEnd...]))")
            }
            dataBytes += size
            position = dataEnd + 2
        }
        let trailers = try CRLFLines.section(in: bytes, from: position, limit: limits.headBytes, what: "trailer section")
        guard let (fieldLines, end) = trailers else { return nil }
        for line in fieldLines { _ = try ReceivedHead.field(bytes[line]) }
        return end
    }

    /// `1*HEXDIG [BWS ";" extensions]`; extensions are skipped but may not hold control bytes.
    private func chunkSize(_ line: ArraySlice<UInt8>) throws(ResponseReadError) -> Int {
        let digits = line.prefix { $0.hexValue != nil }
        let rest = line[digits.endIndex...]
        let extensions = rest.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard !digits.isEmpty, rest.isEmpty || extensions.first == UInt8(ascii: ";"),
              !extensions.contains(where: { ($0 < 0x20 && $0 != UInt8(ascii: "\t")) || $0 == 0x7F })
        else { throw .malformed("chunk-size line \(ResponseReadError.quoted(line))") }
        // Over eight significant hex digits is over 4 GiB, past any limit the demo sets.
        let significant = digits.drop { $0 == UInt8(ascii: "0") }
        let size = significant.count <= 8 ? significant.reduce(0) { $0 * 16 + $1.hexValue! } : Int.max
        guard size <= limits.bodyBytes - dataBytes else { throw .tooLarge("chunked body over \(limits.bodyBytes) bytes") }
        return size
    }
}

private extension UInt8 {
    var hexValue: Int? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(self - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(self - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(self - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
