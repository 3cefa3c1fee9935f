@testable import HTTPCore
import Testing

@Suite("Method codes")
struct MethodCodeTests {
    /// What a request line's first token names, scanned byte by byte as the parser's slow path does.
    private func scanned(_ line: [UInt8]) -> (code: MethodCode, length: Int)? {
        guard let space = line.firstIndex(of: ByteClass.space), space > 0, line[..<space].allSatisfy(ByteClass.isToken) else {
            return nil
        }
        return line.withUnsafeBufferPointer { (MethodCode(bytes: UnsafeBufferPointer(rebasing: $0[..<space])), space) }
    }

    @Test("a common method read as one word is what scanning the token gives, and anything else is left to the scan",
          arguments: ["GET / HTTP/1.1", "PUT /a HTTP/1.1", "HEAD / HTTP/1.1", "POST /echo HTTP/1.1", "GETS / HTTP/1.1",
                      "HEADER / HTTP/1.1", "POSTS / HTTP/1.1", "get / HTTP/1.1", "HEA / HTTP/1.1", "PUT/ HTTP/1.1",
                      "HEAD\t/ HTTP/1.1", "DELETE / HTTP/1.1", "GET ", "POST"])
    func commonMatchesScan(line: String) {
        let bytes = Array(line.utf8)
        let common = bytes.withUnsafeBufferPointer { MethodCode.common(atStartOf: $0) }
        if let common {
            let scan = scanned(bytes)
            #expect(scan?.code == common.code && scan?.length == common.length, "\(line)")
        }
        let expectedCommon = ["GET / HTTP/1.1", "PUT /a HTTP/1.1", "HEAD / HTTP/1.1", "POST /echo HTTP/1.1"].contains(line)
        #expect((common != nil) == expectedCommon, "\(line)")
    }
}
