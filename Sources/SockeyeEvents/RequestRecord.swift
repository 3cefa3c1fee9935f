import HTTPCore

/// One completed request, as the log and the statistics see it.
///
/// One heap block holds the numbers and, after them, the texts (method, target, `User-Agent`,
/// `Referer`, peer, blocked-by) copied as bytes from the parsed head. A record is made on a server
/// thread and freed on the views' thread, where each free of another thread's block takes malloc's
/// slow path, and it is handed along several times: so one block per request and a one-word copy,
/// not a string or an array per text and a struct of a dozen fields copied at every step. No
/// `String` is built until a view asks; a log line copies the bytes straight out.
/// A block is written only while one reference holds it — in `init`, from a fresh block or one the
/// pool took back when no view held it any more (`RecordBlockPool`) — and only read once shared,
/// hence `@unchecked Sendable`.
public struct RequestRecord: @unchecked Sendable {
    /// The fixed-size part: plain values only, so reading it copies no references.
    public struct Summary: Sendable {
        // Words first, single bytes last: no padding between fields keeps the block small.
        public let connection: UInt64
        /// This request's number on its connection, from 1.
        public let sequence: Int
        public let status: Int
        public let bytesIn: Int
        public let bytesOut: Int
        /// Monotonic nanoseconds: head fully received, response started, response finished.
        public let headAt: UInt64
        public let startedAt: UInt64
        public let finishedAt: UInt64
        /// Head-of-line wait: how long this request waited behind earlier responses on its connection.
        public let wait: UInt64
        /// Where each text ends in the bytes, in `Text` order, and which ones are absent.
        @usableFromInline let ends: InlineArray<6, Int32>
        /// How many text bytes the block has room for (at least `ends[5]`), for its reuse.
        fileprivate let room: Int32
        @usableFromInline let absent: UInt8
        public let version: HTTPVersion
        public let chunked: Bool
        /// Which server of a fleet served it (`StatsSnapshot.instances`); 0 in a server's own views.
        public let instance: UInt8

        /// The numbers a record is made with, before its texts are laid out.
        fileprivate struct Numbers {
            let connection: UInt64, sequence: Int, version: HTTPVersion, status: Int, bytesIn: Int, bytesOut: Int
            let chunked: Bool, headAt: UInt64, startedAt: UInt64, finishedAt: UInt64, wait: UInt64, instance: UInt8
        }

        @inline(__always)
        fileprivate init(_ numbers: Numbers, ends: InlineArray<6, Int32>, absent: UInt8, room: Int32) {
            connection = numbers.connection
            sequence = numbers.sequence
            version = numbers.version
            status = numbers.status
            bytesIn = numbers.bytesIn
            bytesOut = numbers.bytesOut
            chunked = numbers.chunked
            headAt = numbers.headAt
            startedAt = numbers.startedAt
            finishedAt = numbers.finishedAt
            wait = numbers.wait
            instance = numbers.instance
            self.ends = ends
            self.absent = absent
            self.room = room
        }
    }

    /// The texts a record keeps, in storage order.
    public enum Text: Int, Sendable {
        case method, target, userAgent, referer, peer, blockedBy
    }

    final class Storage: ManagedBuffer<Summary, UInt8> {}
    private(set) var storage: Storage

    /// The most text room a block the pool takes back may have, so the pool holds small blocks
    /// only. A block's room is its texts rounded up to 64 bytes, so the next request's texts
    /// usually fit a reused one; one they do not fit is let go.
    static let pooledTextCapacity = 512

    /// - Parameters:
    ///   - blockedBy: the request whose response this one waited behind (e.g. `/slow`).
    ///   - version: what served it, when not the head's own version (an HTTP/2 stream's head is
    ///     written as HTTP/1.1 text for the parser).
    ///   - peer: the client's address as UTF-8 bytes (the server's connections keep them so:
    ///     a string passed here was retained and released around every request).
    public init(
        connection: UInt64, sequence: Int, head: borrowing RequestHead, status: Int, bytesIn: Int, bytesOut: Int,
        chunked: Bool, headAt: UInt64, startedAt: UInt64, finishedAt: UInt64, wait: UInt64, blockedBy: String?,
        peerBytes peer: UnsafeBufferPointer<UInt8>, version: HTTPVersion? = nil, blocks: RecordBlockStash? = nil
    ) {
        let version = version ?? head.version
        storage = Self.withBytes(of: blockedBy) { blocked in
                head.withReceivedBytes { received in
                    head.withLoggedBytes { target, userAgent, referer in
                        // The request line starts the head's bytes, and its method ends at the space
                        // before the target: its bytes, without building `head.method`'s string.
                        let method = UnsafeBufferPointer(rebasing: received[..<(target.baseAddress! - received.baseAddress! - 1)])
                        return Self.storage(
                            Summary.Numbers(connection: connection, sequence: sequence, version: version, status: status,
                                            bytesIn: bytesIn, bytesOut: bytesOut, chunked: chunked, headAt: headAt,
                                            startedAt: startedAt, finishedAt: finishedAt, wait: wait, instance: 0),
                            method: method, target: target, userAgent: userAgent, referer: referer, peer: peer,
                            blockedBy: blocked, blocks: blocks)
                    }
                }
            }
    }

    /// The same with the peer as a string.
    public init(
        connection: UInt64, sequence: Int, head: borrowing RequestHead, status: Int, bytesIn: Int, bytesOut: Int,
        chunked: Bool, headAt: UInt64, startedAt: UInt64, finishedAt: UInt64, wait: UInt64, blockedBy: String?,
        peer: String, version: HTTPVersion? = nil, blocks: RecordBlockStash? = nil
    ) {
        var peer = peer
        self = peer.withUTF8 { peer in
            RequestRecord(connection: connection, sequence: sequence, head: head, status: status, bytesIn: bytesIn,
                          bytesOut: bytesOut, chunked: chunked, headAt: headAt, startedAt: startedAt,
                          finishedAt: finishedAt, wait: wait, blockedBy: blockedBy, peerBytes: peer, version: version,
                          blocks: blocks)
        }
    }

    /// A record of a request served elsewhere: read from an admin endpoint or a recording.
    /// - Parameter instance: which server of a fleet served it (`StatsSnapshot.instances`), from 0.
    public init(
        connection: UInt64, sequence: Int, method: String, target: String, version: HTTPVersion, status: Int,
        bytesIn: Int, bytesOut: Int, chunked: Bool, headAt: UInt64, startedAt: UInt64, finishedAt: UInt64, wait: UInt64,
        blockedBy: String?, peer: String, instance: UInt8 = 0
    ) {
        var (method, target, peer, blocked) = (method, target, peer, blockedBy ?? "")
        storage = method.withUTF8 { method in
            target.withUTF8 { target in
                peer.withUTF8 { peer in
                    blocked.withUTF8 { blocked in
                        Self.storage(
                            Summary.Numbers(connection: connection, sequence: sequence, version: version, status: status,
                                            bytesIn: bytesIn, bytesOut: bytesOut, chunked: chunked, headAt: headAt,
                                            startedAt: startedAt, finishedAt: finishedAt, wait: wait, instance: instance),
                            method: method, target: target, userAgent: nil, referer: nil, peer: peer,
                            blockedBy: blockedBy == nil ? nil : blocked, blocks: nil)
                    }
                }
            }
        }
    }

    /// The UTF-8 bytes of `text`, or nil without touching a string when there is none (nearly
    /// every request waited behind nothing).
    @inline(__always)
    private static func withBytes<Result>(of text: String?, _ body: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        guard var text else { return body(nil) }
        return text.withUTF8 { body($0) }
    }

    /// One block: the numbers, then the six texts back to back. Straight-line code: a loop over the
    /// six optional buffers cost ~700 instructions here, more than the allocation.
    @inline(__always)
    private static func storage(
        _ numbers: Summary.Numbers, method: UnsafeBufferPointer<UInt8>, target: UnsafeBufferPointer<UInt8>,
        userAgent: UnsafeBufferPointer<UInt8>?, referer: UnsafeBufferPointer<UInt8>?, peer: UnsafeBufferPointer<UInt8>,
        blockedBy: UnsafeBufferPointer<UInt8>?, blocks: RecordBlockStash?
    ) -> Storage {
        // Each text lies in memory, so their sum cannot overflow an Int; one check that the last
        // end fits 32 bits covers every end before it.
        let end0 = method.count, end1 = end0 &+ target.count, end2 = end1 &+ (userAgent?.count ?? 0)
        let end3 = end2 &+ (referer?.count ?? 0), end4 = end3 &+ peer.count, end5 = end4 &+ (blockedBy?.count ?? 0)
        precondition(end5 <= Int(Int32.max), "a request record's texts exceed 2 GiB")
        let absent: UInt8 = (userAgent == nil ? 1 << 2 : 0) | (referer == nil ? 1 << 3 : 0) | (blockedBy == nil ? 1 << 5 : 0)
        let ends: InlineArray<6, Int32> = [Int32(truncatingIfNeeded: end0), Int32(truncatingIfNeeded: end1),
                                           Int32(truncatingIfNeeded: end2), Int32(truncatingIfNeeded: end3),
                                           Int32(truncatingIfNeeded: end4), Int32(truncatingIfNeeded: end5)]
        let block: Storage
        if end5 <= pooledTextCapacity, let reused = blocks?.take(), Int(reused.header.room) >= end5 {
            reused.header = Summary(numbers, ends: ends, absent: absent, room: reused.header.room)
            block = reused
        } else {
            let room = (end5 &+ 63) & ~63
            block = unsafeDowncast(Storage.create(minimumCapacity: room) { _ in
                Summary(numbers, ends: ends, absent: absent, room: Int32(truncatingIfNeeded: room))
            }, to: Storage.self)
        }
        block.withUnsafeMutablePointerToElements { start in
            copy(method, to: start)
            copy(target, to: start + end0)
            copy(userAgent, to: start + end1)
            copy(referer, to: start + end2)
            copy(peer, to: start + end3)
            copy(blockedBy, to: start + end4)
        }
        return block
    }

    /// This record's block for the pool, when this was the last reference to it and it is small
    /// (a larger one is freed). Called on a copy, the copy's own reference would make it never
    /// unique: callers `consume` theirs.
    consuming func reusableBlock() -> Storage? {
        guard isKnownUniquelyReferenced(&storage), Int(summary.room) <= Self.pooledTextCapacity else { return nil }
        return storage
    }

    public var summary: Summary { storage.header }

    @inline(__always)
    private static func copy(_ text: UnsafeBufferPointer<UInt8>?, to destination: UnsafeMutablePointer<UInt8>) {
        guard let text, let source = text.baseAddress else { return }
        destination.initialize(from: source, count: text.count)
    }

    /// The texts' bytes, valid only inside `withTexts`.
    /// Inlinable: a log line reads five texts, and a call each cost more than the reading.
    public struct Texts {
        @usableFromInline let start: UnsafePointer<UInt8>
        /// The record's numbers where they lie: a field read from here loads that field alone,
        /// where `RequestRecord.summary` copies them all.
        public let summary: UnsafePointer<Summary>

        /// The bytes of `text`, nil when the request did not have it.
        @inlinable @inline(__always)
        public subscript(_ text: Text) -> UnsafeBufferPointer<UInt8>? {
            let index = text.rawValue
            guard summary.pointee.absent & (1 << index) == 0 else { return nil }
            let begin = index == 0 ? 0 : Int(summary.pointee.ends[index - 1])
            return UnsafeBufferPointer(start: start + begin, count: Int(summary.pointee.ends[index]) - begin)
        }

        /// The bytes of every text stored before `text`, back to back: one scan covers them all.
        @inlinable
        public func bytes(before text: Text) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: start, count: text.rawValue == 0 ? 0 : Int(summary.pointee.ends[text.rawValue - 1]))
        }
    }

    public func withTexts<Result>(_ body: (Texts) -> Result) -> Result {
        storage.withUnsafeMutablePointers { summary, start in body(Texts(start: start, summary: summary)) }
    }

    public func string(_ text: Text) -> String? {
        withTexts { $0[text].map { String(decoding: $0, as: UTF8.self) } }
    }

    public var connection: UInt64 { summary.connection }
    public var sequence: Int { summary.sequence }
    public var status: Int { summary.status }
    public var bytesIn: Int { summary.bytesIn }
    public var bytesOut: Int { summary.bytesOut }
    public var chunked: Bool { summary.chunked }
    public var headAt: UInt64 { summary.headAt }
    public var startedAt: UInt64 { summary.startedAt }
    public var finishedAt: UInt64 { summary.finishedAt }
    public var wait: UInt64 { summary.wait }
    public var instance: Int { Int(summary.instance) }
    public var version: String { summary.version.text }
    public var method: String { string(.method) ?? "" }
    public var target: String { string(.target) ?? "" }
    public var peer: String { string(.peer) ?? "" }
    public var blockedBy: String? { string(.blockedBy) }

    /// From head received to last byte queued for the socket.
    public var duration: UInt64 { finishedAt &- headAt }
}
