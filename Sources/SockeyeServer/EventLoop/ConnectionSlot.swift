import SockeyeSockets
/// A connection owned by one event loop: its socket, its state machine, and what the loop
/// last told epoll and the timer heap about it.
final class ConnectionSlot {
    let socket: Socket
    let connection: ServerConnection
    var registeredEvents: UInt32
    var armedDeadline: UInt64?
    /// Set while draining input after a rejection; the connection closes at EOF or this time.
    var lingerUntil: UInt64?
    /// HTTPS: the connection's TLS session.
    var tls: TLSSession?
    /// Set while the TLS handshake is running: it fails at this time.
    var handshakeDeadline: UInt64?
    /// What the handshake waits for (readable or writable).
    var handshakeWants: UInt32 = Epoll.readable
    /// Set once the first handshake step has run (the ClientHello was answered).
    var handshakeBegun = false

    var transport: Transport { Transport(socket: socket, tls: tls) }

    /// A TLS connection whose first handshake step, the expensive one, has not run yet.
    var awaitsClientHello: Bool { handshakeDeadline != nil && !handshakeBegun }

    init(socket: Socket, connection: ServerConnection, registeredEvents: UInt32) {
        self.socket = socket
        self.connection = connection
        self.registeredEvents = registeredEvents
    }
}

@available(*, unavailable)
extension ConnectionSlot: Sendable {}
