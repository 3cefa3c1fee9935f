import Foundation
import HTTPCore
import Testing
@testable import SockeyeServer

/// RFC 9110 §13 (preconditions, in §13.2.2's order) and §14 (ranges) against a real server.
@Suite("Conditional and range requests")
struct ConditionalRequestTests {
    /// digits.txt, modified at a known second.
    static let modified = 1_700_000_000
    static let lastModified = HTTPDate.format(unixSeconds: modified)
    static let before = HTTPDate.format(unixSeconds: modified - 60)
    static let after = HTTPDate.format(unixSeconds: modified + 60)

    private func start(_ model: IOModel) throws -> (SiteFixture, TestServer, String) {
        let site = try SiteFixture()
        try site.touch("plain/digits.txt", modified: Self.modified)
        let server = try TestServer(model: model) { $0.root = site.root.path }
        let etag = try #require(try exchange(server, "/plain/digits.txt").field("etag"))
        return (site, server, etag)
    }

    @Test("each precondition alone", arguments: IOModel.allCases)
    func preconditions(model: IOModel) throws {
        let (site, server, etag) = try start(model)
        defer { server.stop(); _ = site }
        let cases: [([String], Int)] = [
            (["If-Match: \(etag)"], 200), (["If-Match: \"other\", \(etag)"], 200), (["If-Match: *"], 200),
            (["If-Match: \"other\""], 412), (["If-Match: W/\(etag)"], 412),  // If-Match compares strongly (§13.1.1)
            (["If-Unmodified-Since: \(Self.after)"], 200), (["If-Unmodified-Since: \(Self.lastModified)"], 200),
            (["If-Unmodified-Since: \(Self.before)"], 412), (["If-Unmodified-Since: not a date"], 200),
            (["If-None-Match: \(etag)"], 304), (["If-None-Match: W/\(etag)"], 304),  // weak comparison (§13.1.2)
            (["If-None-Match: \"a\", \"b\""], 200), (["If-None-Match: *"], 304),
            (["If-Modified-Since: \(Self.lastModified)"], 304), (["If-Modified-Since: \(Self.after)"], 304),
            (["If-Modified-Since: \(Self.before)"], 200), (["If-Modified-Since: yesterday"], 200),
            // The obsolete date forms (§5.6.7) compare as dates too.
            (["If-Modified-Since: Tuesday, 14-Nov-23 22:13:20 GMT"], 304), (["If-Modified-Since: Tue Nov 14 22:13:20 2023"], 304),
            (["If-Modified-Since: Tue Nov 14 22:12:20 2023"], 200),
        ]
        #expect(Self.lastModified == "Tue, 14 Nov 2023 22:13:20 GMT")
        for (headers, status) in cases {
            let response = try exchange(server, "/plain/digits.txt", headers: headers)
            #expect(response.status == status, "\(headers)")
            if status == 304 {
                #expect(response.field("etag") == etag)
                #expect(response.body.isEmpty)
            }
        }
    }

    @Test("§13.2.2 order: If-Match before If-None-Match, each hiding its date twin", arguments: IOModel.allCases)
    func order(model: IOModel) throws {
        let (site, server, etag) = try start(model)
        defer { server.stop(); _ = site }
        let cases: [([String], Int)] = [
            // If-Match fails first, whatever If-None-Match says.
            (["If-Match: \"other\"", "If-None-Match: \(etag)"], 412),
            // If-Match present: If-Unmodified-Since is not evaluated.
            (["If-Match: \(etag)", "If-Unmodified-Since: \(Self.before)"], 200),
            // If-None-Match present: If-Modified-Since is not evaluated (either way).
            (["If-None-Match: \"other\"", "If-Modified-Since: \(Self.after)"], 200),
            (["If-None-Match: \(etag)", "If-Modified-Since: \(Self.before)"], 304),
            // A failing If-Unmodified-Since comes before a 304.
            (["If-Unmodified-Since: \(Self.before)", "If-None-Match: \(etag)"], 412),
            // Preconditions come before the range.
            (["If-None-Match: \(etag)", "Range: bytes=0-1"], 304),
        ]
        for (headers, status) in cases {
            #expect(try exchange(server, "/plain/digits.txt", headers: headers).status == status, "\(headers)")
        }
        // If-None-Match on a method other than GET/HEAD is 412 (§13.1.2); here the file server sees only GET/HEAD.
        #expect(try exchange(server, "/plain/digits.txt", method: "HEAD", headers: ["If-None-Match: \(etag)"]).status == 304)
        #expect(try exchange(server, "/plain/digits.txt", method: "HEAD", headers: ["If-Match: \"x\""]).status == 412)
    }

    @Test("ranges: single, suffix, If-Range by ETag (strong) and by date, 416", arguments: IOModel.allCases)
    func ranges(model: IOModel) throws {
        let (site, server, etag) = try start(model)
        defer { server.stop(); _ = site }
        let single = try exchange(server, "/plain/digits.txt", headers: ["Range: bytes=2-4"])
        #expect(single.status == 206)
        #expect(single.field("content-range") == "bytes 2-4/100")
        #expect(single.text == "234")
        #expect(try exchange(server, "/plain/digits.txt", headers: ["Range: bytes=-3"]).text == "789")
        #expect(try exchange(server, "/plain/digits.txt", headers: ["Range: bytes=95-"]).text == "56789")
        let cases: [([String], Int)] = [
            (["Range: bytes=0-1", "If-Range: \(etag)"], 206), (["Range: bytes=0-1", "If-Range: \"other\""], 200),
            (["Range: bytes=0-1", "If-Range: W/\(etag)"], 200),  // If-Range compares strongly (§13.1.5)
            (["Range: bytes=0-1", "If-Range: \(Self.lastModified)"], 206), (["Range: bytes=0-1", "If-Range: \(Self.after)"], 200),
            (["Range: bytes=200-300"], 416), (["Range: bytes=-0"], 416), (["Range: bytes=5-2"], 200), (["Range: lines=1-2"], 200),
            (["Range: bytes=a-b"], 200), (["If-Range: \(etag)"], 200),
        ]
        for (headers, status) in cases {
            let response = try exchange(server, "/plain/digits.txt", headers: headers)
            #expect(response.status == status, "\(headers)")
            if status == 416 { #expect(response.field("content-range") == "bytes */100") }
            if status == 200 { #expect(response.body == SiteFixture.digits) }
        }
    }

    @Test("several ranges: multipart/byteranges, coalesced, parsed back; more than 16 is the whole file", arguments: IOModel.allCases)
    func multipart(model: IOModel) throws {
        let (site, server, _) = try start(model)
        defer { server.stop(); _ = site }
        let response = try exchange(server, "/plain/digits.txt", headers: ["Range: bytes=0-1, 10-12, 11-14, 15-15, 90-"])
        #expect(response.status == 206)
        let type = try #require(response.field("content-type"))
        #expect(type.hasPrefix("multipart/byteranges; boundary="))
        // Python's email parser reads the parts back: 0-1, 10-15 (three coalesced), 90-99.
        let script = """
            import sys, email, json
            data = open(sys.argv[2], "rb").read()
            message = email.message_from_bytes(b"Content-Type: " + sys.argv[1].encode() + b"\\r\\n\\r\\n" + data)
            print(json.dumps([[part["Content-Range"], part["Content-Type"], part.get_payload()] for part in message.get_payload()]))
            """
        let bodyFile = site.base.appendingPathComponent("multipart.body")
        try Data(response.body).write(to: bodyFile)
        let parsed = try Command.python(script, [type, bodyFile.path])
        let parts = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [[String]], "\(parsed.stderr)")
        #expect(parts.map { $0[0] } == ["bytes 0-1/100", "bytes 10-15/100", "bytes 90-99/100"])
        #expect(parts.map { $0[2] } == ["01", "012345", "0123456789"])
        #expect(parts.allSatisfy { $0[1] == "text/plain; charset=utf-8" })
        let adjacent = try exchange(server, "/plain/digits.txt", headers: ["Range: bytes=0-4,5-9"])
        #expect(adjacent.field("content-range") == "bytes 0-9/100", "adjacent ranges become one")
        let many = (0..<17).map { "\($0 * 2)-\($0 * 2)" }.joined(separator: ",")
        let tooMany = try exchange(server, "/plain/digits.txt", headers: ["Range: bytes=\(many)"])
        #expect(tooMany.status == 200)
        #expect(tooMany.body == SiteFixture.digits)
    }
}
