/// Writes bytes through a raw pointer into memory sized up front. A response head is ~20 pieces;
/// appending each to an Array paid a capacity and uniqueness check per piece. Log lines use it too,
/// hence `@inlinable`: a call across modules would cost more than the write.
public struct ByteWriter {
    @usableFromInline let start: UnsafeMutablePointer<UInt8>
    @usableFromInline let capacity: Int
    @usableFromInline var used = 0

    public var count: Int { used }

    @inlinable
    public init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        start = buffer.baseAddress!
        capacity = buffer.count
    }

    public var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: used) }

    @inlinable @inline(__always)
    public mutating func write(_ literal: StaticString) {
        write(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    @inlinable @inline(__always)
    public mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        precondition(used + bytes.count <= capacity, "ByteWriter overflow")
        guard let source = bytes.baseAddress else { return }
        (start + used).update(from: source, count: bytes.count)
        used += bytes.count
    }

    @inlinable @inline(__always)
    public mutating func write(_ byte: UInt8) {
        precondition(used < capacity, "ByteWriter overflow")
        start[used] = byte
        used += 1
    }

    /// At most 20 bytes: a non-negative Int's decimal digits.
    @inlinable
    public mutating func writeDecimal(_ value: Int) {
        DecimalDigits.forEach(value) { write($0) }
    }
}
