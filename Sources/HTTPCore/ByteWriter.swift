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
        let count = bytes.count
        let target = UnsafeMutableRawPointer(start + used)
        let from = UnsafeRawPointer(source)
        // Most pieces are short (a field name, a number, a separator): two overlapping words, or
        // up to three bytes, move them without a call to memmove.
        if count >= 8 && count <= 16 {
            Self.moveAsTwoWords(UInt64.self, count, from: from, to: target)
        } else if count >= 4 && count < 8 {
            Self.moveAsTwoWords(UInt32.self, count, from: from, to: target)
        } else if count > 0 && count < 4 {
            // One to three bytes (a method, a `/` target): the first, the middle and the last,
            // overlapping, rather than a call to memmove.
            let last = count &- 1, middle = count >> 1
            target.storeBytes(of: from.load(as: UInt8.self), as: UInt8.self)
            target.storeBytes(of: from.load(fromByteOffset: middle, as: UInt8.self), toByteOffset: middle, as: UInt8.self)
            target.storeBytes(of: from.load(fromByteOffset: last, as: UInt8.self), toByteOffset: last, as: UInt8.self)
        } else {
            target.copyMemory(from: from, byteCount: count)
        }
        used += count
    }

    /// `count` bytes, between one and two `Word`s, as the first word and the last (overlapping).
    @usableFromInline @inline(__always)
    static func moveAsTwoWords<Word: FixedWidthInteger>(_: Word.Type, _ count: Int, from: UnsafeRawPointer,
                                                                to target: UnsafeMutableRawPointer) {
        let last = count &- MemoryLayout<Word>.size
        let head = from.loadUnaligned(as: Word.self)
        let tail = from.loadUnaligned(fromByteOffset: last, as: Word.self)
        target.storeBytes(of: head, as: Word.self)
        target.storeBytes(of: tail, toByteOffset: last, as: Word.self)
    }

    @inlinable @inline(__always)
    public mutating func write(_ byte: UInt8) {
        precondition(used < capacity, "ByteWriter overflow")
        start[used] = byte
        used += 1
    }

    /// At most 20 bytes: a non-negative Int's decimal digits (status codes, Content-Length, log
    /// lines), without building a String.
    @inlinable @inline(__always)
    public mutating func writeDecimal(_ value: Int) {
        precondition(value >= 0, "writeDecimal takes a non-negative value")
        let digits = DecimalDigits.count(UInt(value))
        precondition(used + digits <= capacity, "ByteWriter overflow")
        DecimalDigits.write(UInt(value), endingAt: start + used + digits)
        used += digits
    }
}
