#if canImport(Glibc)
import Glibc
#endif

/// A `multipart/byteranges` body (RFC 9110 §14.6): each range as a part with its own Content-Type
/// and Content-Range. Built in memory, so the ranges together are capped (`maxBytes`); past the cap
/// the whole representation is served instead.
enum MultipartByteRanges {
    static let maxBytes = 1024 * 1024

    /// The body and its Content-Type, or nil when the file could not be read.
    static func make(ranges: [Range<Int>], size: Int, mediaType: String, read: (Range<Int>) -> [UInt8]?) -> (body: [UInt8], contentType: String)? {
        let boundary = String(UInt64.random(in: .min ... .max), radix: 16) + String(UInt64.random(in: .min ... .max), radix: 16)
        var body: [UInt8] = []
        for range in ranges {
            guard let bytes = read(range) else { return nil }
            body += Array("\r\n--\(boundary)\r\nContent-Type: \(mediaType)\r\nContent-Range: bytes \(range.lowerBound)-\(range.upperBound - 1)/\(size)\r\n\r\n".utf8)
            body += bytes
        }
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return (body, "multipart/byteranges; boundary=\(boundary)")
    }
}
