#if canImport(Glibc)
import Glibc
#endif

/// The start of a CLF line, `HOST - - [26/Nov/2026:19:03:28 +0000] "`, kept for the peer and the
/// second it was made for. A connection's requests within a second share it, so their lines start
/// with one copy instead of cutting the host from the peer and copying it and the time apart.
/// Raw memory: reading it costs no reference counting.
struct LinePrefix: ~Copyable {
    /// Longer peers (none a socket gives: `[IPv6]:port` is at most 53 bytes) are written the long way.
    static let peerCapacity = 64
    private static let capacity = 128
    private let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    private let peerBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: peerCapacity)
    private var count = 0
    /// -1 while nothing is kept (at first, and after the second changed).
    private var peerCount = -1

    init() {}

    deinit {
        bytes.deallocate()
        peerBytes.deallocate()
    }

    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: bytes, count: count) }

    /// Whether the prefix kept was made for `peer`. Peers of 8 to 16 bytes (`127.0.0.1:54321`) are
    /// compared as two overlapping words each, without a call.
    @inline(__always)
    func matches(_ peer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard peer.count == peerCount, let base = peer.baseAddress else { return false }
        let given = UnsafeRawPointer(base), kept = UnsafeRawPointer(peerBytes)
        if peerCount >= 8 && peerCount <= 16 {
            let last = peerCount &- 8
            return given.loadUnaligned(as: UInt64.self) == kept.loadUnaligned(as: UInt64.self)
                && given.loadUnaligned(fromByteOffset: last, as: UInt64.self)
                == kept.loadUnaligned(fromByteOffset: last, as: UInt64.self)
        }
        return memcmp(given, kept, peerCount) == 0
    }

    /// Makes the prefix `host` + `stamp` for `peer`; false, keeping nothing, when it does not fit.
    mutating func remake(peer: UnsafeBufferPointer<UInt8>, host: UnsafeBufferPointer<UInt8>,
                         stamp: UnsafeBufferPointer<UInt8>) -> Bool {
        peerCount = -1
        guard let peerStart = peer.baseAddress, peer.count <= Self.peerCapacity,
              host.count + stamp.count <= Self.capacity else { return false }
        peerBytes.update(from: peerStart, count: peer.count)
        if let hostStart = host.baseAddress { bytes.update(from: hostStart, count: host.count) }
        if let stampStart = stamp.baseAddress { (bytes + host.count).update(from: stampStart, count: stamp.count) }
        count = host.count + stamp.count
        peerCount = peer.count
        return true
    }

    /// The second changed: the kept prefix's time is stale.
    mutating func forget() {
        peerCount = -1
    }
}
