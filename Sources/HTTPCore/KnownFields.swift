/// The fields that decide framing, and the two an access log quotes, located during the single
/// pass over the head so no later check has to search the field list again.
struct KnownFields {
    var hostCount = 0
    var contentLength = FieldIndices()
    var transferEncoding = FieldIndices()
    var connection = FieldIndices()
    var expect = FieldIndices()
    /// The first `User-Agent` and `Referer` entries, or -1.
    var userAgent = -1
    var referer = -1

    @inline(__always)
    mutating func note(_ name: UnsafeBufferPointer<UInt8>, entry: Int) {
        switch name.count {
        case 4 where ASCII.equalsLowercased(name, "host"): hostCount += 1
        case 14 where ASCII.equalsLowercased(name, "content-length"): contentLength.append(entry)
        case 17 where ASCII.equalsLowercased(name, "transfer-encoding"): transferEncoding.append(entry)
        case 10 where ASCII.equalsLowercased(name, "connection"): connection.append(entry)
        case 6 where ASCII.equalsLowercased(name, "expect"): expect.append(entry)
        case 10 where userAgent < 0 && ASCII.equalsLowercased(name, "user-agent"): userAgent = entry
        case 7 where referer < 0 && ASCII.equalsLowercased(name, "referer"): referer = entry
        default: break
        }
    }
}
