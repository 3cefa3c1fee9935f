/// The versions Sockeye speaks. A request line names one of the two HTTP/1.x ones (anything else
/// is answered 505); `http2` is never parsed from one: it marks what an HTTP/2 stream served, so a
/// log says `HTTP/2.0` as nginx's does.
public enum HTTPVersion: Sendable, Equatable {
    case http10
    case http11
    case http2

    public var text: String {
        switch self {
        case .http10: "HTTP/1.0"
        case .http11: "HTTP/1.1"
        case .http2: "HTTP/2.0"
        }
    }

    /// The version a log or a recording wrote as `text`.
    public init?(text: String) {
        switch text {
        case "HTTP/1.0": self = .http10
        case "HTTP/1.1": self = .http11
        case "HTTP/2.0", "HTTP/2": self = .http2
        default: return nil
        }
    }
}
