/// The two HTTP/1.x versions Sockeye speaks; anything else is answered 505.
public enum HTTPVersion: Sendable, Equatable {
    case http10
    case http11

    public var text: String { self == .http10 ? "HTTP/1.0" : "HTTP/1.1" }
}
