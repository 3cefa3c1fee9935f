/// A connection owned by one event loop: its socket, its state machine, and what the loop
/// last told epoll and the timer heap about it.
final class ConnectionSlot {
    let socket: Socket
    var connection: HTTPConnection
    var registeredEvents: UInt32
    var armedDeadline: UInt64?
    /// Set while draining input after a rejection; the connection closes at EOF or this time.
    var lingerUntil: UInt64?

    init(socket: Socket, connection: HTTPConnection, registeredEvents: UInt32) {
        self.socket = socket
        self.connection = connection
        self.registeredEvents = registeredEvents
    }
}

@available(*, unavailable)
extension ConnectionSlot: Sendable {}
