import SockeyeEvents
import SockeyeSockets

/// Accepts on a blocking listener and gives each connection its own detached thread.
struct ThreadAcceptor {
    let context: ServerContext
    let listener: Socket

    func run() {
        while !context.stopping.load(ordering: .relaxed) {
            guard let accepted = try? listener.accept(nonBlocking: false) else {
                if context.stopping.load(ordering: .relaxed) { return }
                continue
            }
            let (socket, peer) = accepted
            guard let info = context.admit(socket, peer: peer, now: MonotonicClock.now()) else { continue }
            try? socket.setNoDelay()
            let worker = ConnectionThread(context: context, socket: socket, info: info)
            if ThreadSpawner.spawn(detached: true, { worker.run() }) == nil {
                // No thread for it: refuse rather than leak the socket.
                socket.close()
                context.release(info.id, reason: .error, now: MonotonicClock.now())
            }
        }
    }
}
