/// How the plain log writes events.
public enum LogFormat: String, Sendable, CaseIterable {
    /// One human line per event.
    case text
    /// Combined Log Format, one line per completed request (goaccess `--log-format=COMBINED`).
    case clf
    /// One JSON object per event, with a `type` field.
    case json
}
