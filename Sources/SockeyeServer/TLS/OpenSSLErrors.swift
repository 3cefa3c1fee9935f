import COpenSSL

/// OpenSSL reports failures on a per-thread queue; every call site clears it before a call
/// (`SSL_get_error` is only meaningful then) and turns what is left into one line after.
enum OpenSSLErrors {
    static func clear() { ERR_clear_error() }

    /// The queued reasons, oldest first ("" when none), and an empty queue.
    static func drain() -> String {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            if let reason = ERR_reason_error_string(code) {
                reasons.append(String(cString: reason))
            } else {
                reasons.append("OpenSSL error \(code)")
            }
        }
        return reasons.joined(separator: "; ")
    }
}
