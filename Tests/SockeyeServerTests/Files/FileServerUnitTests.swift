import Testing
@testable import SockeyeServer

@Suite("Byte ranges, codings and entity tags")
struct FileServerUnitTests {
    @Test("Range parsing (RFC 9110 §14.1.2)", arguments: [
        ("bytes=0-0", ByteRanges.satisfiable([0..<1])), ("bytes=5-", .satisfiable([5..<10])), ("bytes=-3", .satisfiable([7..<10])),
        ("bytes=-30", .satisfiable([0..<10])), ("bytes=8-100", .satisfiable([8..<10])), ("bytes=10-", .unsatisfiable),
        ("bytes=-0", .unsatisfiable), ("bytes=3-2", .ignored), ("bytes=", .ignored), ("bytes=1", .ignored), ("items=0-1", .ignored),
        ("bytes=+1-2", .ignored), ("bytes=0-1,x", .ignored), ("bytes= 0-1 , 4-5", .satisfiable([0..<2, 4..<6])),
        ("bytes=20-30, 2-3", .satisfiable([2..<4])), ("bytes=99999999999999999999-", .ignored),
    ])
    func parse(value: String, expected: ByteRanges) {
        #expect(ByteRanges.parse(value, size: 10) == expected)
    }

    @Test("coalescing: overlapping and adjacent ranges join, in order")
    func coalesce() {
        #expect(ByteRanges.coalesce([5..<8, 0..<2, 7..<9, 2..<3, 20..<21]) == [0..<3, 5..<9, 20..<21])
        #expect(ByteRanges.coalesce([0..<10, 2..<3]) == [0..<10])
        #expect(ByteRanges.parse("bytes=0-1,2-3,1-2", size: 10) == .satisfiable([0..<4]))
    }

    @Test("more than 16 ranges are ignored")
    func bounded() {
        let seventeen = (0..<17).map { "\($0 * 3)-\($0 * 3)" }.joined(separator: ",")
        #expect(ByteRanges.parse("bytes=" + seventeen, size: 100) == .ignored)
        let sixteen = (0..<16).map { "\($0 * 3)-\($0 * 3)" }.joined(separator: ",")
        guard case .satisfiable(let ranges) = ByteRanges.parse("bytes=" + sixteen, size: 100) else { Issue.record("not satisfiable"); return }
        #expect(ranges.count == 16)
    }

    @Test("Accept-Encoding (RFC 9110 §12.5.3)")
    func acceptEncoding() {
        #expect(ContentCoding.acceptable(nil) == [])
        #expect(ContentCoding.acceptable("gzip, deflate, br, zstd") == [.brotli, .gzip])
        #expect(ContentCoding.acceptable("gzip;q=0.8, br;q=0.2") == [.gzip, .brotli])
        #expect(ContentCoding.acceptable("br;q=0") == [])
        #expect(ContentCoding.acceptable("x-gzip") == [.gzip])
        #expect(ContentCoding.acceptable("*;q=0.5, gzip") == [.gzip, .brotli])
        #expect(ContentCoding.acceptable("gzip;q=2") == [.gzip], "an out-of-range q is ignored (treated as 1)")
    }

    @Test("entity-tag lists: commas inside quotes, weak tags, *")
    func entityTags() {
        guard case .tags(let tags)? = EntityTag.parseList(#""a,b", W/"c" ,"d""#) else { Issue.record("no tags"); return }
        #expect(tags.map(\.opaque) == ["a,b", "c", "d"])
        #expect(tags.map(\.isWeak) == [false, true, false])
        #expect(EntityTag.parseList("*").map { if case .any = $0 { true } else { false } } == true)
        #expect(EntityTag.parseList("abc") == nil)
        #expect(EntityTag.parseList(#""open"#) == nil)
        let strong = EntityTag(isWeak: false, opaque: "x"), weak = EntityTag(isWeak: true, opaque: "x")
        #expect(strong.matchesStrongly(strong) && !strong.matchesStrongly(weak) && strong.matchesWeakly(weak))
    }

    @Test("listing escapes")
    func escapes() {
        #expect(DirectoryListing.escapeHTML(#"<a href="x">&'"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
        #expect(DirectoryListing.visible("a\nb\u{1b}[31m\u{7f}") == "a\\x0Ab\\x1B[31m\\x7F")
        #expect(DirectoryListing.percentEncode("a b/ü?#%.txt") == "a%20b%2F%C3%BC%3F%23%25.txt")
    }
}
