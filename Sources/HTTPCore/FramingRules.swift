/// Decides how a request body is delimited, refusing every ambiguous shape a proxy and a
/// server could disagree on — the root of request smuggling (RFC 9112 §6, §11.2).
struct FramingRules {
    let limits: ParserLimits

    @inline(__always)
    func framing(of fields: HTTPFields, known: KnownFields, version: HTTPVersion) throws(HTTPParseError) -> BodyFraming {
        // Most requests have neither field: no body, decided inline.
        if known.transferEncoding.isEmpty && known.contentLength.isEmpty { return .none }
        return try framingOfBody(fields, known: known, version: version)
    }

    private func framingOfBody(_ fields: HTTPFields, known: KnownFields, version: HTTPVersion) throws(HTTPParseError) -> BodyFraming {
        let transferEncodings = known.transferEncoding
        let contentLengths = known.contentLength
        if !transferEncodings.isEmpty {
            // RFC 9112 §6.1: a server MUST NOT apply chunked to an HTTP/1.0 request's framing;
            // treating TE there as an error closes a known smuggling path.
            if version == .http10 { throw .transferEncodingInHTTP10 }
            // §6.3 ¶3: TE with CL is a smuggling signature; reject rather than guess.
            if !contentLengths.isEmpty { throw .contentLengthWithTransferEncoding }
            try checkCodings(fields, transferEncodings)
            return .chunked
        }
        guard !contentLengths.isEmpty else { return .none }
        let length = try contentLength(fields, contentLengths)
        if length > limits.maxBodyBytes { throw .bodyTooLarge }
        return length == 0 ? .none : .length(length)
    }

    /// §6.1: chunked must be the final coding, exactly once; the server implements no other
    /// coding, so any other one is 501 (and a non-chunked final coding is 400, §6.3 ¶4).
    private func checkCodings(_ fields: HTTPFields, _ indices: FieldIndices) throws(HTTPParseError) {
        let chunked = "chunked"
        var codings: [Range<Int>] = []
        indices.forEach(in: fields) { index in
            fields.forEachListElement(in: fields.entries[index]) { codings.append($0) }
        }
        guard let last = codings.last, fields.equalsIgnoringCase(last, chunked) else { throw .chunkedNotFinal }
        for coding in codings.dropLast() {
            if fields.equalsIgnoringCase(coding, chunked) { throw .chunkedNotFinal }
            throw .unsupportedTransferCoding
        }
    }

    /// Content-Length = 1*DIGIT. Repeated fields or list members must all agree (RFC 9110 §8.6);
    /// signs, spaces inside, hex and overflow are refused (RFC 9112 §6.3 ¶5).
    private func contentLength(_ fields: HTTPFields, _ indices: FieldIndices) throws(HTTPParseError) -> Int {
        var agreed: Int?
        var invalid = false
        indices.forEach(in: fields) { index in
            var elements = 0
            fields.forEachListElement(in: fields.entries[index]) { range in
                elements += 1
                guard let value = decimal(fields.storage[range]), agreed == nil || agreed == value else {
                    invalid = true
                    return
                }
                agreed = value
            }
            if elements == 0 { invalid = true }
        }
        guard !invalid, let length = agreed else { throw .invalidContentLength }
        return length
    }

    private func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }
}
