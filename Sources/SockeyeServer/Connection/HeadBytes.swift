#if canImport(Glibc)
import Glibc
#endif

extension UnsafeBufferPointer<UInt8> {
    /// The head at the start of these bytes: through its empty line (CRLF CRLF), or all of them.
    /// Line by line with `memchr` (vectorised in glibc): a byte loop cost more here than the rest
    /// of the request.
    var headThroughEmptyLine: UnsafeBufferPointer<UInt8> {
        guard let base = baseAddress else { return self }
        var offset = 0
        while offset < count, let found = memchr(base + offset, 10, count - offset) {
            let lineFeed = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            // A line feed that ends "\r\n\r\n".
            if lineFeed >= 3 && base[lineFeed - 1] == 13 && base[lineFeed - 2] == 10 && base[lineFeed - 3] == 13 {
                return UnsafeBufferPointer(start: base, count: lineFeed + 1)
            }
            offset = lineFeed + 1
        }
        return self
    }
}
