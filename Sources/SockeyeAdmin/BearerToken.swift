/// The admin token, checked against an `Authorization` value in time that does not depend on
/// where a guess first differs.
struct BearerToken: Sendable {
    private let expected: [UInt8]

    init(_ token: String) {
        expected = Self.normalized("Bearer \(token)")
    }

    func admits(_ authorization: String?) -> Bool {
        let given = Self.normalized(authorization ?? "")
        // Every byte of the expected value is compared whatever the given length.
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }

    /// The scheme is case-insensitive (RFC 9110 §11.1): its letters lowered, the token as is.
    private static func normalized(_ value: String) -> [UInt8] {
        var bytes = Array(value.utf8)
        for index in bytes.indices.prefix(6) where (65...90).contains(bytes[index]) { bytes[index] += 32 }
        return bytes
    }
}
