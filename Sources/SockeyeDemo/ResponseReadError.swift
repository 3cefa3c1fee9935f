/// Why the demo could not read a response, in words that say what the server did.
enum ResponseReadError: Error, Equatable, CustomStringConvertible {
    /// The connection ended after `receivedBytes` of a response that was not complete.
    case closed(receivedBytes: Int)
    case timedOut(milliseconds: Int, receivedBytes: Int)
    case malformed(String)
    case tooLarge(String)

    var description: String {
        switch self {
        case .closed(0): "the server closed the connection before answering"
        case .closed(let count): "the server closed the connection in the middle of a response (\(count) bytes of it received)"
        case .timedOut(let milliseconds, let count):
            "no complete response within \(milliseconds) ms (\(count) bytes of it received)"
        case .malformed(let detail): "malformed response: \(detail)"
        case .tooLarge(let detail): "response too large: \(detail)"
        }
    }

    /// Received bytes for an error message: quoted, control bytes escaped, cut at 40.
    static func quoted(_ bytes: ArraySlice<UInt8>) -> String {
        let shown = bytes.prefix(40).map { byte in
            (0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
                ? String(UnicodeScalar(byte)) : "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }
        return "\"" + shown.joined() + (bytes.count > 40 ? "…" : "") + "\""
    }
}
