/// Byte scans sixteen at a time with `SIMD16<UInt8>`, which is SSE2 on x86_64 (always there, no
/// build flag) and NEON on arm64. Each scan returns the index of the first byte it is looking
/// for, or `bytes.count` when there is none; only when fewer than sixteen bytes lie past `start`
/// does it return where it stopped. The caller judges that byte, and any tail, with its scalar
/// code, so every verdict and error stays the scalar path's.
enum VectorScan {
    private typealias Block = SIMD16<UInt8>
    private typealias SignedBlock = SIMD16<Int8>
    private typealias Marks = SIMDMask<SIMD16<Int8>>

    @inline(__always)
    private static func signed(_ block: Block) -> SignedBlock { unsafeBitCast(block, to: SignedBlock.self) }

    /// The first CTL (< 0x20) or DEL byte from `start`: the end of a run of field-content bytes
    /// (VCHAR, SP, obs-text; RFC 9110 §5.5). HTAB stops the scan too: the caller lets it pass.
    @inline(__always)
    static func firstControl(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        firstMarked(in: bytes, from: start) { block in
            (block .< Block(repeating: 0x20)) .| (block .== Block(repeating: 0x7F))
        }
    }

    /// The first byte from `start` that is not visible ASCII (0x21...0x7E), the bytes of a
    /// request-target (RFC 9112 §3.2): bytes below 0x21 wrap to 0xDF and above.
    @inline(__always)
    static func firstNonVisible(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        firstMarked(in: bytes, from: start) { block in
            block &- Block(repeating: 0x21) .> Block(repeating: 0x7E - 0x21)
        }
    }

    /// The first byte from `start` that is not a letter, digit or `-` — the bytes nearly every
    /// field name is made of, all of them tchar (RFC 9110 §5.6.2). The scalar token check takes
    /// over at that byte (usually the colon), so rarer tchar such as `_` still pass.
    @inline(__always)
    static func firstNonNameLetter(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        firstMarked(in: bytes, from: start) { block in
            // Each range is shifted to start at -128, so one signed compare (SSE2 has no unsigned
            // one) tests it. OR 0x20 maps A-Z onto a-z and no other byte into a-z.
            let letter = signed((block | Block(repeating: 0x20)) &+ Block(repeating: 0x80 - 0x61)) .< SignedBlock(repeating: -128 + 26)
            let digit = signed(block &+ Block(repeating: 0x80 - 0x30)) .< SignedBlock(repeating: -128 + 10)
            return .!(letter .| digit .| (block .== Block(repeating: 0x2D)))
        }
    }

    @inline(__always)
    private static func firstMarked(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ marks: (Block) -> Marks) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let raw = UnsafeRawPointer(base)
        // A set lane is all ones, so the two halves as words locate the first one.
        func firstLane(at offset: Int) -> Int? {
            let halves = unsafeBitCast(marks(raw.loadUnaligned(fromByteOffset: offset, as: Block.self)), to: SIMD2<UInt64>.self)
            guard halves[0] | halves[1] != 0 else { return nil }
            return halves[0] != 0 ? halves[0].trailingZeroBitCount &>> 3 : 8 &+ halves[1].trailingZeroBitCount &>> 3
        }
        var index = start
        while index &+ 16 <= bytes.count {
            if let lane = firstLane(at: index) { return index &+ lane }
            index &+= 16
        }
        // The tail as the last sixteen bytes, when they all lie past `start`: those before
        // `index` were found unmarked, so the block's first mark is the first from `start`.
        let last = bytes.count &- 16
        guard index < bytes.count, last >= start else { return index }
        if let lane = firstLane(at: last) { return last &+ lane }
        return bytes.count
    }
}
