import SockeyeEvents

/// Where a connection reads the time when a stamp must be fresher than the driver's wake-up
/// (a fast response's finish, the moment a write stalled). Injected, so tests run on a fake clock.
protocol ConnectionClock {
    func now() -> UInt64
}

/// The monotonic clock the drivers run connections on.
struct SystemClock: ConnectionClock {
    func now() -> UInt64 { MonotonicClock.now() }
}
