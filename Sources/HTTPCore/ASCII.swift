/// Byte comparisons against literals, without building a String or an Array.
enum ASCII {
    /// Exact, case-sensitive equality (methods are case-sensitive, RFC 9110 §9.1).
    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let expected = literal.utf8Start
        for index in 0..<bytes.count where bytes[index] != expected[index] { return false }
        return true
    }

    /// Equality ignoring ASCII case; `literal` must be lower-case (field names, RFC 9110 §5.1).
    @inline(__always)
    static func equalsLowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let expected = literal.utf8Start
        for index in 0..<bytes.count where ByteClass.lowercased(bytes[index]) != expected[index] { return false }
        return true
    }
}
