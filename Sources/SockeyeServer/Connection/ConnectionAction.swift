/// What the HTTP/1.1 state machine asks its driver to do next (`HTTP1Connection.nextAction`).
/// The machine performs no syscall and reads no clock of its own: the driver carries these out
/// and reports back what happened.
enum ConnectionAction {
    /// Write the unsent output (`withUnsentOutput`), then report `sent`, `writeBlocked` or `writeFailed`.
    case write
    /// Send `count` bytes of the open file `fd` from `offset` (sendfile(2) on plaintext; read and
    /// TLS-write otherwise), then report as for `write`.
    case sendFile(fd: Int32, offset: Int, count: Int)
    /// A file body ended or was abandoned: close its descriptor.
    case closeFile(Int32)
    /// A request's turn has come: run its handler and answer with `respond`.
    case handle(RequestContext)
    /// Nothing to do until the socket is readable or writable as asked, or the deadline passes
    /// (then `timerFired`).
    case wait(ConnectionWait)
    /// Everything owed is written: close the socket.
    case close(ClosingMode)
}

/// What a connection waits for between actions.
struct ConnectionWait: Equatable {
    var read: Bool
    var write: Bool
    /// Monotonic ns; nil: no timer.
    var deadline: UInt64?
}

enum ClosingMode: Equatable {
    case now
    /// After a rejection the client may still be sending (a huge head, a body we refused).
    /// Closing with unread input makes the kernel send a reset that can destroy the error
    /// response before the client reads it: half-close and drain for a moment first (RFC 9112 §9.6).
    case lingering
}
