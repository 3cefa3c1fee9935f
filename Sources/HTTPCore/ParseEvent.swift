/// What the parser yields, in order, for each request: one `head`, zero or more `body`
/// pieces, one `end` — or a single `error`, after which the parser yields nothing more.
public enum ParseEvent: Sendable, Equatable {
    case head(RequestHead)
    case body([UInt8])
    case end(trailers: HTTPFields)
    case error(HTTPParseError)
}
