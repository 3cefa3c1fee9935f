/// Byte comparisons, against literals or other bytes, without building a String or an Array.
public enum ASCII {
    /// Exact, case-sensitive equality (methods are case-sensitive, RFC 9110 §9.1).
    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        equals(bytes, UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Exact equality of two byte runs (a request's path and a route's). A plain loop: these are
    /// short, and `elementsEqual` measured slower on every request.
    @inlinable @inline(__always)
    public static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ expected: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == expected.count else { return false }
        var index = 0
        while index < bytes.count {
            if bytes[index] != expected[index] { return false }
            index &+= 1
        }
        return true
    }

    /// Equality ignoring ASCII case for a field name already checked to be a token; `literal` is
    /// at least four lower-case letters, digits or dashes (RFC 9110 §5.1). Compared a word at a
    /// time, the last word overlapping: OR 0x20 lower-cases A-Z, and of the other tchar none
    /// lands on a letter, digit or dash (the bytes that would, 0x0D and 0x10-0x19, are CTLs).
    @inline(__always)
    static func equalsLowercasedToken(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count == count, let base = bytes.baseAddress else { return false }
        let name = UnsafeRawPointer(base)
        let expected = UnsafeRawPointer(literal.utf8Start)
        func equal32(at offset: Int) -> Bool {
            name.loadUnaligned(fromByteOffset: offset, as: UInt32.self) | 0x2020_2020
                == expected.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        }
        func equal64(at offset: Int) -> Bool {
            name.loadUnaligned(fromByteOffset: offset, as: UInt64.self) | 0x2020_2020_2020_2020
                == expected.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        }
        if count < 8 { return equal32(at: 0) && equal32(at: count - 4) }
        var offset = 0
        while offset + 8 < count {
            guard equal64(at: offset) else { return false }
            offset += 8
        }
        return equal64(at: count - 8)
    }
}
