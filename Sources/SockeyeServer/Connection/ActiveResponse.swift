import HTTPCore

/// A response that is being produced over time: waiting out a delay, streaming chunks on a
/// timer, or streaming a file as the socket drains.
///
/// A class: the connection reads `active?.stage` and `active?.wakeAt` on every turn, and as an
/// optional struct holding a `Response` and an existential each such read was copied and then
/// destroyed through the runtime's generic witnesses, even when no response was active.
final class ActiveResponse {
    enum Stage {
        /// `/slow`: nothing is written until `wakeAt`.
        case delayed(Response)
        /// Chunks still to send, one per interval.
        case chunks(remaining: ArraySlice<[UInt8]>, interval: UInt64)
        /// File bytes still to send; the driver sends them (`.sendFile`).
        case file(FileBody, offset: Int, remaining: Int)
        /// A body produced while sent, asked for more every interval.
        case stream(any BodyStream)
    }

    var stage: Stage
    /// The request answered, which carries the response's progress.
    let request: PendingRequest
    /// When the stage next needs the clock (nil: it waits for the socket instead).
    var wakeAt: UInt64?

    init(stage: Stage, request: PendingRequest, wakeAt: UInt64?) {
        self.stage = stage
        self.request = request
        self.wakeAt = wakeAt
    }

    /// The descriptor of a file body this response holds open, sending or delayed.
    var openFile: Int32? {
        switch stage {
        case .file(let file, _, _): file.fd
        case .delayed(let response): response.openFile
        case .chunks, .stream: nil
        }
    }

    /// The body stream this response is sending or will send, to cancel if it ends early.
    var bodyStream: (any BodyStream)? {
        switch stage {
        case .stream(let stream): stream
        case .delayed(let response): response.bodyStream
        case .chunks, .file: nil
        }
    }
}

@available(*, unavailable)
extension ActiveResponse: Sendable {}
