import Foundation
import Testing
@testable import SockeyeServer

@Suite("Serving a site")
struct SiteServingTests {
    @Test("/ is the index; the site wins over built-in routes, which answer where nothing matches", arguments: IOModel.allCases)
    func precedence(model: IOModel) throws {
        let site = try SiteFixture()
        let server = try TestServer(model: model) { $0.root = site.root.path }
        defer { server.stop() }
        let index = try exchange(server, "/")
        #expect(index.status == 200)
        #expect(index.text.contains("<title>site</title>"), "/ serves index.html, not the Hello page")
        #expect(try exchange(server, "/info").text == "a file named like the /info route")
        let slow = try exchange(server, "/slow?ms=1")
        #expect(slow.status == 200, "a built-in route answers where the root has nothing")
        let echo = try exchange(server, "/echo", method: "POST", headers: ["Content-Length: 2"], body: "hi")
        #expect(echo.text == "hi")
        #expect(try exchange(server, "/nothing-here").status == 404)
        #expect(try exchange(server, "/index.html", method: "DELETE").status == 405)
    }

    @Test("a folder without its slash is 301 to the slash form, query kept; with index.html it serves it", arguments: IOModel.allCases)
    func folderRedirect(model: IOModel) throws {
        let site = try SiteFixture()
        let server = try TestServer(model: model) { $0.root = site.root.path }
        defer { server.stop() }
        let redirect = try exchange(server, "/docs?lang=en")
        #expect(redirect.status == 301)
        #expect(redirect.field("location") == "/docs/?lang=en")
        #expect(try exchange(server, "/docs/").text == "<h1>docs</h1>")
        let followed = try Command.curl(["-L", server.url + "/docs"])
        #expect(followed.stdout == "<h1>docs</h1>")
    }

    @Test("listing: folders first, sizes, escaped names, encoded links, a parent link, no dotfiles or escapes", arguments: IOModel.allCases)
    func listing(model: IOModel) throws {
        let site = try SiteFixture()
        let server = try TestServer(model: model) { $0.root = site.root.path }
        defer { server.stop() }
        let page = try exchange(server, "/plain/")
        #expect(page.status == 200)
        #expect(page.field("content-type") == "text/html; charset=utf-8")
        let html = page.text
        #expect(html.contains("<a href=\"../\">../</a>"))
        #expect(html.contains("href=\"./we%3Cird%3E%26%22name.txt\">we&lt;ird&gt;&amp;&quot;name.txt</a>"))
        #expect(html.contains("href=\"./new%0Aline.txt\">new\\x0Aline.txt</a>"), "a newline in a name is shown as \\x0A")
        #expect(!html.contains("new\nline"))
        #expect(html.contains(">100<"), "digits.txt's size")
        #expect(!html.contains(".env"), "dotfiles are not listed")
        #expect(!html.contains("out.txt"), "a symlink out of the root is not listed")
        let sub = try #require(html.range(of: "sub/</a>")), digits = try #require(html.range(of: "digits.txt</a>"))
        #expect(sub.lowerBound < digits.lowerBound, "folders first")
        // Every link in the listing can be fetched.
        #expect(try exchange(server, "/plain/we%3Cird%3E%26%22name.txt").text == "weird")
        #expect(try exchange(server, "/plain/new%0Aline.txt").text == "newline")

        let json = try exchange(server, "/plain/", headers: ["Accept: application/json"])
        #expect(json.field("content-type") == "application/json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.body)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.first?["name"] as? String == "sub")
        #expect(entries.first?["type"] as? String == "directory")
        #expect(entries.contains { $0["name"] as? String == "new\nline.txt" })
        #expect(entries.first { $0["name"] as? String == "digits.txt" }?["size"] as? Int == 100)
        #expect(!entries.contains { ($0["name"] as? String ?? "").hasPrefix(".") })
    }

    @Test("dotfiles are neither listed nor served unless --dotfiles", arguments: [false, true])
    func dotfiles(allowed: Bool) throws {
        let site = try SiteFixture()
        let server = try TestServer(model: .eventloop) {
            $0.root = site.root.path
            $0.dotfiles = allowed
        }
        defer { server.stop() }
        #expect(try exchange(server, "/plain/.env").status == (allowed ? 200 : 404))
        #expect(try exchange(server, "/.git/config").status == (allowed ? 200 : 404))
        #expect(try exchange(server, "/%2egit/config").status == (allowed ? 200 : 404))
        #expect(try exchange(server, "/plain/").text.contains(".env") == allowed)
    }

    @Test("HEAD has GET's status and fields, without the body", arguments: ["/", "/plain/digits.txt", "/plain/", "/assets/style.css"])
    func headEqualsGet(path: String) throws {
        let site = try SiteFixture()
        let server = try TestServer(model: .eventloop) { $0.root = site.root.path }
        defer { server.stop() }
        // (Range is defined for GET only, RFC 9110 §14.2, so HEAD ignores it: not compared here.)
        for headers in [[], ["Accept-Encoding: gzip, br"], ["Accept: application/json"]] {
            let get = try exchange(server, path, headers: headers)
            let head = try exchange(server, path, method: "HEAD", headers: headers)
            let sameFields = { (response: HTTPResponse) in
                response.fields.filter { $0.0.lowercased() != "date" }.map { "\($0.0): \($0.1)" }
            }
            #expect(head.status == get.status)
            #expect(sameFields(head) == sameFields(get), "\(path) \(headers)")
            #expect(head.body.isEmpty)
            #expect(!get.body.isEmpty)
        }
    }

    @Test("media types a modern site uses", arguments: [
        ("a.wasm", "application/wasm"), ("a.mjs", "text/javascript; charset=utf-8"), ("a.avif", "image/avif"),
        ("a.webp", "image/webp"), ("a.woff2", "font/woff2"), ("a.json", "application/json"), ("a.js.map", "application/json"),
        ("a.svg", "image/svg+xml"), ("a.css", "text/css; charset=utf-8"), ("a.HTML", "text/html; charset=utf-8"),
        ("noextension", "application/octet-stream"),
    ])
    func mediaTypes(name: String, type: String) {
        #expect(MediaType.forPath("/site/" + name) == type)
    }
}
