import HTTP2Core
import SockeyeEvents

/// The frames view's record of a connection: each frame's header as received and as sent, kept
/// only while a view keeps heads (the table is shown and events are being built), handed to the
/// table once per turn.
extension HTTP2Connection {
    /// The frame the decoder just returned.
    mutating func noteReceivedFrame() {
        guard publisher.keepsHeads, let header = frames.lastHeader else { return }
        unreportedFrames.append(FrameRecord(at: 0, sent: false, type: header.type, flags: header.flags.rawValue,
                                            stream: header.streamID, length: header.length))
    }

    /// The frames just written into the output, from `start` on (each writer's call site notes
    /// its own: a closure around the writes would overlap its accesses to the connection). A DATA frame whose payload the driver
    /// sends from a file has only its header there: the walk stops at it.
    mutating func noteSentFrames(from start: Int) {
        guard publisher.keepsHeads else { return }
        var noted: [FrameRecord] = []
        output.bytes.withUnsafeBytes { bytes in
            var offset = start
            while offset + FrameHeader.size <= bytes.count {
                let header = FrameHeader(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + FrameHeader.size)]))
                noted.append(FrameRecord(at: 0, sent: true, type: header.type, flags: header.flags.rawValue,
                                         stream: header.streamID, length: header.length))
                offset += FrameHeader.size + header.length
            }
        }
        unreportedFrames += noted
    }

    /// Hands this turn's frames to the table, stamped with the turn's time.
    mutating func reportFrames(now: UInt64) {
        guard !unreportedFrames.isEmpty else { return }
        let at = stamp(now)
        for index in unreportedFrames.indices { unreportedFrames[index].at = at }
        publisher.table.recentFrames.append(connection: info.id, unreportedFrames)
        unreportedFrames.removeAll(keepingCapacity: true)
    }
}
