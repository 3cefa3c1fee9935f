import SockeyeEvents

/// What the drivers' shared runner needs of a protocol's connection state machine
/// (`HTTP1Connection`, `HTTP2Connection`): the next action, and how each one turned out.
protocol ConnectionMachine {
    var info: ConnectionInfo { get }
    var publisher: EventPublisher { get }
    var closeReason: CloseReason? { get }
    var requestsServed: Int { get }
    var bytesIn: Int { get }
    var bytesOut: Int { get }
    var lastEventAt: UInt64 { get }

    mutating func nextAction(now: UInt64) -> ConnectionAction
    func withUnsentOutput<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result
    mutating func sent(_ count: Int, now: UInt64)
    mutating func writeBlocked()
    mutating func writeFailed()
    /// The handler's answer to a `.handle` action, with the context it carried; a driver answers
    /// each `.handle` so before it asks for the next action.
    mutating func respond(_ response: Response, to context: consuming RequestContext, now: UInt64)
}

extension HTTP1Connection: ConnectionMachine {}
extension HTTP2Connection: ConnectionMachine {}
