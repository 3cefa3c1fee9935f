#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM are blocked in every thread (so no server thread is interrupted) and
/// taken synchronously by whoever calls `wait`.
enum SignalWaiter {
    /// Call before starting any thread: threads inherit the mask.
    static func blockTerminationSignals() {
        var set = terminationSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Blocks until SIGINT or SIGTERM arrives; returns the signal number.
    static func wait() -> Int32 {
        var set = terminationSet()
        var signal: Int32 = 0
        sigwait(&set, &signal)
        return signal
    }

    private static func terminationSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }
}
