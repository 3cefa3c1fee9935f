/// Response bytes produced but not yet written, and how far the driver has written them.
struct OutputBuffer {
    /// Serializers append here.
    var bytes: [UInt8] = []
    private var start = 0

    var unsentCount: Int { bytes.count - start }

    func withUnsent<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start...])) }
    }

    /// Written bytes are dropped once this many have gathered: emptying the array costs more than
    /// writing a small response, so between drops new output goes after the written bytes.
    private static let dropThreshold = 16 * 1024

    /// `count` bytes were written; once all are and enough have gathered, the storage is reused
    /// (unless a large body grew it). Inlined, the rare reset out of line: every write ends here.
    @inline(__always)
    mutating func consume(_ count: Int) {
        start += count
        if start == bytes.count && start >= Self.dropThreshold { reset() }
    }

    private mutating func reset() {
        bytes.removeAll(keepingCapacity: bytes.capacity <= 64 * 1024)
        start = 0
    }

    mutating func discard() {
        bytes.removeAll()
        start = 0
    }
}
