import HTTPCore

/// The bytes of one batch of log lines: raw memory, grown when a line might not fit and reused
/// batch after batch, so a line is written with pointer writes and the batch with one `write`.
struct LogBuffer: ~Copyable {
    private var memory: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(capacity: Int = 64 * 1024) {
        memory = .allocate(capacity: capacity)
    }

    deinit { memory.deallocate() }

    /// Lets `body` write at most `maxBytes` after what is there.
    mutating func append(atMost maxBytes: Int, _ body: (inout ByteWriter) -> Void) {
        if count + maxBytes > memory.count { grow(toFit: count + maxBytes) }
        var writer = ByteWriter(UnsafeMutableBufferPointer(rebasing: memory[count..<(count + maxBytes)]))
        body(&writer)
        count += writer.count
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes in append(atMost: bytes.count) { $0.write(bytes) } }
    }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        body(UnsafeBufferPointer(rebasing: memory[..<count]))
    }

    mutating func removeAll() { count = 0 }

    private mutating func grow(toFit needed: Int) {
        let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(needed, memory.count * 2))
        _ = larger.initialize(fromContentsOf: memory[..<count])
        memory.deallocate()
        memory = larger
    }
}
