/// Client-supplied text (paths, headers) made safe for a terminal or a log line: control bytes,
/// DEL and invalid UTF-8 become `\xNN`, so a request cannot drive the operator's terminal.
public enum SafeText {
    public static func escape(_ text: String, alsoEscaping extra: Set<UInt8> = []) -> String {
        // The common case: printable ASCII, nothing to do.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && (extra.isEmpty || !text.utf8.contains(where: extra.contains)) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first {
            if first < 0x20 || first == 0x7F || extra.contains(first) {
                out += hex(first)
                bytes = bytes.dropFirst()
            } else if first < 0x80 {
                out.unicodeScalars.append(Unicode.Scalar(first))
                bytes = bytes.dropFirst()
            } else {
                let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
                let sequence = bytes.prefix(length)
                if sequence.count == length, let decoded = String(validating: sequence, as: UTF8.self),
                   decoded.unicodeScalars.allSatisfy({ $0.value >= 0xA0 }) {
                    out += decoded
                    bytes = bytes.dropFirst(length)
                } else {
                    out += hex(first)
                    bytes = bytes.dropFirst()
                }
            }
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return "\\x" + String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }
}
