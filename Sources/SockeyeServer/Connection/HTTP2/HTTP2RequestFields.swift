import HPACK
import HTTPCore

/// Turns a decoded HTTP/2 request header list into the protocol-neutral head the handlers see,
/// after the checks of RFC 9113 §8.2 and §8.3.1. The head is written as the equivalent HTTP/1.1
/// head and read by the same strict parser, so both protocols meet one set of field rules.
enum HTTP2RequestFields {
    enum Outcome {
        case head(RequestHead, declaredLength: Int?)
        /// Malformed (§8.1.1): the stream is reset with PROTOCOL_ERROR.
        case malformed(String)
        /// Well-formed HTTP/2 that the HTTP semantics layer refuses (an HTTP status, e.g. 400, 431, 501).
        case refused(status: Int, reason: String)
    }

    /// §8.2.2: fields that only mean something on an HTTP/1.1 connection.
    private static let connectionSpecific: Set<[UInt8]> = Set(
        ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"].map { Array($0.utf8) })

    static func parse(_ fields: [HPACKField], limits: ParserLimits) -> Outcome {
        var method: [UInt8]?, scheme: [UInt8]?, path: [UInt8]?, authority: [UInt8]?
        var regular: [HPACKField] = []
        var cookies: [[UInt8]] = []
        var declaredLength: Int?
        for field in fields {
            if let problem = problem(in: field) { return .malformed(problem) }
            if field.name.first == UInt8(ascii: ":") {
                // §8.3: pseudo-header fields come first, once each, and only the defined ones.
                guard regular.isEmpty && cookies.isEmpty else { return .malformed("a pseudo-header after a regular field") }
                let slot: WritableKeyPath<PseudoHeaders, [UInt8]?>
                switch String(decoding: field.name, as: UTF8.self) {
                case ":method": slot = \.method
                case ":scheme": slot = \.scheme
                case ":path": slot = \.path
                case ":authority": slot = \.authority
                default: return .malformed("unknown pseudo-header \(SafeName(field.name))")
                }
                var pseudo = PseudoHeaders(method: method, scheme: scheme, path: path, authority: authority)
                guard pseudo[keyPath: slot] == nil else { return .malformed("a repeated pseudo-header") }
                pseudo[keyPath: slot] = field.value
                (method, scheme, path, authority) = (pseudo.method, pseudo.scheme, pseudo.path, pseudo.authority)
                continue
            }
            if connectionSpecific.contains(field.name) { return .malformed("connection-specific field \(SafeName(field.name))") }
            if field.name == Array("te".utf8) && field.value != Array("trailers".utf8) {
                return .malformed("TE other than trailers")
            }
            if field.name == Array("content-length".utf8) {
                guard let length = Int(String(decoding: field.value, as: UTF8.self)), length >= 0,
                      declaredLength == nil || declaredLength == length
                else { return .malformed("an invalid content-length") }
                declaredLength = length
            }
            // §8.2.3: cookie crumbs are joined again before the head reaches HTTP semantics.
            if field.name == Array("cookie".utf8) { cookies.append(field.value); continue }
            regular.append(field)
        }
        guard let method else { return .malformed("no :method") }
        if method == Array("CONNECT".utf8) { return .refused(status: 501, reason: "CONNECT is not supported") }
        guard scheme != nil, let path, !path.isEmpty else { return .malformed("no :scheme or :path") }
        var text: [UInt8] = method + [UInt8(ascii: " ")] + path + Array(" HTTP/1.1\r\nhost: ".utf8)
        // §8.3.1: :authority stands for Host; a Host field is used only where it is absent.
        text += authority ?? regular.first { $0.name == Array("host".utf8) }?.value ?? []
        text += [13, 10]
        for field in regular where field.name != Array("host".utf8) {
            text += field.name + [UInt8(ascii: ":"), UInt8(ascii: " ")] + field.value + [13, 10]
        }
        if !cookies.isEmpty {
            text += Array("cookie: ".utf8) + Array(cookies.joined(separator: Array("; ".utf8))) + [13, 10]
        }
        text += [13, 10]
        do {
            return .head(try RequestHead(parsing: text, limits: limits), declaredLength: declaredLength)
        } catch {
            return .refused(status: error.status, reason: error.reason)
        }
    }

    /// §8.2.1: names are lowercase tokens; values carry no NUL, CR or LF and no surrounding whitespace.
    private static func problem(in field: HPACKField) -> String? {
        let name = field.name.first == UInt8(ascii: ":") ? field.name.dropFirst() : field.name[...]
        guard !name.isEmpty, name.allSatisfy(isLowercaseTokenByte)
        else { return "a field name that is not a lowercase token" }
        if field.value.contains(where: { $0 == 0 || $0 == 10 || $0 == 13 }) { return "NUL, CR or LF in a field value" }
        if let first = field.value.first, first == 0x20 || first == 0x09 { return "whitespace around a field value" }
        if let last = field.value.last, last == 0x20 || last == 0x09 { return "whitespace around a field value" }
        return nil
    }

    /// tchar (RFC 9110 §5.6.2) without the uppercase letters.
    private static func isLowercaseTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    private struct PseudoHeaders {
        var method, scheme, path, authority: [UInt8]?
    }
}

/// A field name for an error message, control bytes escaped.
private struct SafeName: CustomStringConvertible {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var description: String { String(decoding: bytes.map { $0 < 0x20 || $0 >= 0x7F ? UInt8(ascii: "?") : $0 }, as: UTF8.self) }
}
