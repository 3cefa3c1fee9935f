import Foundation
import Testing
@testable import SockeyeServer

@Suite("Compression")
struct CompressionTests {
    @Test("gzip and brotli on the fly decode to the file's bytes; ETag per encoding; Vary", arguments: IOModel.allCases)
    func onTheFly(model: IOModel) throws {
        let site = try SiteFixture()
        let server = try TestServer(model: model) { $0.root = site.root.path }
        defer { server.stop() }
        let identity = try exchange(server, "/assets/style.css")
        #expect(identity.body == site.stylesheet)
        #expect(identity.field("content-encoding") == nil)
        #expect(identity.field("vary") == "Accept-Encoding")
        var etags: Set<String> = [try #require(identity.field("etag"))]
        for coding in ["gzip", "br"] {
            let encoded = try exchange(server, "/assets/style.css", headers: ["Accept-Encoding: \(coding)"])
            #expect(encoded.field("content-encoding") == coding)
            #expect(encoded.field("vary") == "Accept-Encoding")
            #expect(encoded.body.count < site.stylesheet.count / 4, "\(coding): \(encoded.body.count) bytes")
            etags.insert(try #require(encoded.field("etag")))
            // curl decodes both (it is built with zlib and brotli); its output must be the file.
            let decoded = try Command.run("curl", ["--silent", "--max-time", "15", "--compressed", "-H", "Accept-Encoding: \(coding)",
                                                   "-o", site.base.appendingPathComponent(coding).path, server.url + "/assets/style.css"])
            #expect(decoded.status == 0, "\(decoded.stderr)")
            #expect(try Data(contentsOf: site.base.appendingPathComponent(coding)) == Data(site.stylesheet), "\(coding)")
            // The encoded ETag validates the encoded representation.
            let revalidated = try exchange(server, "/assets/style.css", headers: ["Accept-Encoding: \(coding)", "If-None-Match: \(encoded.field("etag")!)"])
            #expect(revalidated.status == 304)
        }
        #expect(etags.count == 3, "identity, gzip and br each have their own ETag")
        let gzipped = try exchange(server, "/assets/style.css", headers: ["Accept-Encoding: gzip"])
        let unzipped = try Command.python("import gzip,sys; sys.stdout.buffer.write(gzip.decompress(open(sys.argv[1],'rb').read()))",
                                          [try write(gzipped.body, site, "python.gz")])
        #expect(Array(unzipped.stdout.utf8) == site.stylesheet, "Python's gzip decodes it too")
    }

    @Test("Accept-Encoding q-values: preference, q=0 refuses, * covers the rest")
    func negotiation() throws {
        let site = try SiteFixture()
        let server = try TestServer(model: .eventloop) { $0.root = site.root.path }
        defer { server.stop() }
        let cases: [(String?, String?)] = [
            (nil, nil), ("gzip, br", "br"), ("gzip;q=1, br;q=0.5", "gzip"), ("br;q=0, gzip", "gzip"), ("gzip;q=0, br;q=0", nil),
            ("*", "br"), ("*;q=0", nil), ("br;q=0, *", "gzip"), ("identity", nil), ("deflate", nil), ("GZIP", "gzip"),
        ]
        for (accept, coding) in cases {
            let response = try exchange(server, "/assets/style.css", headers: accept.map { ["Accept-Encoding: \($0)"] } ?? [])
            #expect(response.field("content-encoding") == coding, "\(accept ?? "no Accept-Encoding")")
        }
    }

    @Test("precompressed siblings are served as the encoding; small and range requests are not compressed")
    func siblingsAndSkips() throws {
        let site = try SiteFixture()
        let server = try TestServer(model: .eventloop) { $0.root = site.root.path }
        defer { server.stop() }
        let brotli = try exchange(server, "/assets/app.js", headers: ["Accept-Encoding: br, gzip"])
        #expect(brotli.field("content-encoding") == "br")
        #expect(brotli.text == "BR-SIBLING")
        #expect(brotli.field("content-type") == "text/javascript; charset=utf-8")
        let gzip = try exchange(server, "/assets/app.js", headers: ["Accept-Encoding: gzip"])
        #expect(gzip.text == "GZ-SIBLING")
        #expect(try exchange(server, "/assets/app.js").text == "console.log('identity')\n")
        let ranged = try exchange(server, "/assets/style.css", headers: ["Accept-Encoding: gzip", "Range: bytes=0-3"])
        #expect(ranged.status == 206)
        #expect(ranged.field("content-encoding") == nil, "ranges apply to the identity bytes")
        #expect(ranged.body == Array(site.stylesheet[0..<4]))
        let small = try exchange(server, "/plain/digits.txt", headers: ["Accept-Encoding: gzip"])
        #expect(small.field("content-encoding") == nil, "under 1 KiB is sent as is")
    }

    @Test("--no-compress sends files as they are")
    func off() throws {
        let site = try SiteFixture()
        let server = try TestServer(model: .eventloop) {
            $0.root = site.root.path
            $0.compress = false
        }
        defer { server.stop() }
        let css = try exchange(server, "/assets/style.css", headers: ["Accept-Encoding: gzip, br"])
        #expect(css.field("content-encoding") == nil)
        #expect(css.field("vary") == nil)
        #expect(css.body == site.stylesheet)
        #expect(try exchange(server, "/assets/app.js", headers: ["Accept-Encoding: br"]).text == "console.log('identity')\n")
    }

    private func write(_ bytes: [UInt8], _ site: SiteFixture, _ name: String) throws -> String {
        let url = site.base.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}
