/// Why a request was rejected. Each case maps to the status to answer with.
///
/// Every parse error ends the connection: once a message's framing is in doubt, nothing
/// after it on the same connection can be trusted (RFC 9112 §6.3, §11.2).
public enum HTTPParseError: Error, Sendable, Equatable, Hashable {
    case malformedRequestLine
    case invalidRequestTarget
    case requestLineTooLong
    case unsupportedVersion
    case bareLineFeed
    case malformedField
    case whitespaceBeforeColon
    case obsoleteLineFolding
    case invalidFieldValue
    case headerSectionTooLarge
    case tooManyFields
    case missingHost
    case multipleHosts
    case invalidContentLength
    case contentLengthWithTransferEncoding
    case transferEncodingInHTTP10
    case chunkedNotFinal
    case unsupportedTransferCoding
    case bodyTooLarge
    case invalidChunkSize
    case invalidChunkExtension
    case missingChunkDataTerminator

    /// The status code a server answers this error with.
    public var status: Int {
        switch self {
        case .requestLineTooLong: 414
        case .headerSectionTooLarge, .tooManyFields: 431
        case .unsupportedVersion: 505
        case .unsupportedTransferCoding: 501
        case .bodyTooLarge: 413
        default: 400
        }
    }

    /// A short machine-friendly reason for logs and the dashboard.
    public var reason: String {
        switch self {
        case .malformedRequestLine: "malformed request line"
        case .invalidRequestTarget: "invalid request target"
        case .requestLineTooLong: "request line too long"
        case .unsupportedVersion: "unsupported HTTP version"
        case .bareLineFeed: "bare LF line ending"
        case .malformedField: "malformed header field"
        case .whitespaceBeforeColon: "whitespace before colon"
        case .obsoleteLineFolding: "obsolete line folding"
        case .invalidFieldValue: "control character in field"
        case .headerSectionTooLarge: "header section too large"
        case .tooManyFields: "too many header fields"
        case .missingHost: "missing Host"
        case .multipleHosts: "more than one Host"
        case .invalidContentLength: "invalid Content-Length"
        case .contentLengthWithTransferEncoding: "Content-Length with Transfer-Encoding"
        case .transferEncodingInHTTP10: "Transfer-Encoding in HTTP/1.0"
        case .chunkedNotFinal: "chunked is not the final coding"
        case .unsupportedTransferCoding: "unsupported transfer coding"
        case .bodyTooLarge: "body too large"
        case .invalidChunkSize: "invalid chunk size"
        case .invalidChunkExtension: "invalid chunk extension"
        case .missingChunkDataTerminator: "chunk data not followed by CRLF"
        }
    }
}
