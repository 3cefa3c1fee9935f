/// Writes bytes through a raw pointer into memory sized up front. A response head is ~20 pieces;
/// appending each to an Array paid a capacity and uniqueness check per piece.
struct ByteWriter {
    private let start: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        start = buffer.baseAddress!
        capacity = buffer.count
    }

    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    @inline(__always)
    mutating func write(_ literal: StaticString) {
        write(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        precondition(count + bytes.count <= capacity, "ByteWriter overflow")
        guard let source = bytes.baseAddress else { return }
        (start + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func write(_ byte: UInt8) {
        precondition(count < capacity, "ByteWriter overflow")
        start[count] = byte
        count += 1
    }

    /// At most 20 bytes: a non-negative Int's decimal digits.
    mutating func writeDecimal(_ value: Int) {
        DecimalDigits.forEach(value) { write($0) }
    }
}
