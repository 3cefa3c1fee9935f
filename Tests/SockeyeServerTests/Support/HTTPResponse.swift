/// A response read off the wire by the tests' own small parser (Content-Length, chunked, or
/// close-delimited bodies).
struct HTTPResponse {
    var status: Int
    var fields: [(String, String)]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func field(_ name: String) -> String? {
        fields.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// Parses as many complete responses as `data` holds. Interim 1xx responses are included.
    static func parseAll(_ data: [UInt8], bodyExpected: Bool = true) -> [HTTPResponse] {
        var responses: [HTTPResponse] = []
        var rest = data[...]
        while let (response, consumed) = parseOne(rest, bodyExpected: bodyExpected) {
            responses.append(response)
            rest = rest.dropFirst(consumed)
        }
        return responses
    }

    private static func parseOne(_ data: ArraySlice<UInt8>, bodyExpected: Bool) -> (HTTPResponse, Int)? {
        guard let headEnd = data.firstRange(of: Array("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: data[data.startIndex..<headEnd.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusParts = lines.removeFirst().split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        let fields = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = HTTPResponse(status: status, fields: fields, body: [])
        let bodyStart = headEnd.upperBound
        let headLength = bodyStart - data.startIndex
        if status < 200 || status == 204 || status == 304 || !bodyExpected { return (response, headLength) }
        if let length = response.field("content-length").flatMap(Int.init) {
            guard data.endIndex - bodyStart >= length else { return nil }
            response.body = Array(data[bodyStart..<bodyStart + length])
            return (response, headLength + length)
        }
        if response.field("transfer-encoding") == "chunked" {
            var index = bodyStart
            while true {
                guard let lineEnd = data[index...].firstRange(of: Array("\r\n".utf8)) else { return nil }
                guard let size = Int(String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self), radix: 16) else { return nil }
                if size == 0 {
                    guard data.endIndex >= lineEnd.upperBound + 2 else { return nil }
                    return (response, lineEnd.upperBound + 2 - data.startIndex)
                }
                guard data.endIndex >= lineEnd.upperBound + size + 2 else { return nil }
                response.body += data[lineEnd.upperBound..<lineEnd.upperBound + size]
                index = lineEnd.upperBound + size + 2
            }
        }
        response.body = Array(data[bodyStart...])
        return (response, data.endIndex - data.startIndex)
    }
}
