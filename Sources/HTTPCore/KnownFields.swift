/// The fields that decide framing, and the two an access log quotes, located during the single
/// pass over the head so no later check has to search the field list again.
struct KnownFields {
    var hostCount = 0
    var contentLength = FieldIndices(.contentLength)
    var transferEncoding = FieldIndices(.transferEncoding)
    var connection = FieldIndices(.connection)
    var expect = FieldIndices(.expect)
    /// The first `User-Agent` and `Referer` entries, or -1.
    var userAgent = -1
    var referer = -1

    /// Whether a name of this length and first byte may be one `note` looks for: checked in line
    /// by the field loop, so most names cost no call.
    @inline(__always)
    static func mayNote(length: Int, first: UInt8) -> Bool {
        let letter = first | 0x20
        switch length {
        case 4: return letter == UInt8(ascii: "h")
        case 6: return letter == UInt8(ascii: "e")
        case 7: return letter == UInt8(ascii: "r")
        case 10: return letter == UInt8(ascii: "c") || letter == UInt8(ascii: "u")
        case 14: return letter == UInt8(ascii: "c")
        case 17: return letter == UInt8(ascii: "t")
        default: return false
        }
    }

    /// `name` is a token (the field-line parser has checked it).
    mutating func note(_ name: UnsafeBufferPointer<UInt8>, entry: Int) {
        switch name.count {
        case 4 where ASCII.equalsLowercasedToken(name, "host"): hostCount += 1
        case 14 where ASCII.equalsLowercasedToken(name, "content-length"): contentLength.append(entry)
        case 17 where ASCII.equalsLowercasedToken(name, "transfer-encoding"): transferEncoding.append(entry)
        case 10 where ASCII.equalsLowercasedToken(name, "connection"): connection.append(entry)
        case 6 where ASCII.equalsLowercasedToken(name, "expect"): expect.append(entry)
        case 10 where userAgent < 0 && ASCII.equalsLowercasedToken(name, "user-agent"): userAgent = entry
        case 7 where referer < 0 && ASCII.equalsLowercasedToken(name, "referer"): referer = entry
        default: break
        }
    }
}
