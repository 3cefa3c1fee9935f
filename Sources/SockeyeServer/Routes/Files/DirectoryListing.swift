#if canImport(Glibc)
import Glibc
#endif
import HTTPCore
import SockeyeText

/// A folder's contents as an HTML page or JSON: folders first, then files, each by name; only what
/// `SiteRoot` would serve (no dotfiles unless asked, no symlink out of the root, no special files,
/// no name that is not UTF-8, since such a name cannot be requested back).
struct DirectoryListing {
    struct Entry {
        var name: String
        var isDirectory: Bool
        var size: Int
        var modified: Int
    }

    /// The request path as sent, ending in `/`.
    let requestPath: String
    let entries: [Entry]

    init?(directory: String, requestPath: String, root: SiteRoot) {
        guard let handle = opendir(directory) else { return nil }
        defer { closedir(handle) }
        var entries: [Entry] = []
        while let record = readdir(handle) {
            let nameBytes = withUnsafeBytes(of: record.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            guard let name = String(validating: nameBytes, as: UTF8.self), name != ".", name != ".." else { continue }
            let resolution = root.resolve(directory + "/" + name)
            var info = stat()
            switch resolution {
            case .file(let path), .directory(let path):
                guard root.servesDotfiles || name.first != ".", stat(path, &info) == 0 else { continue }
                if case .directory = resolution {
                    entries.append(Entry(name: name, isDirectory: true, size: 0, modified: Int(info.st_mtim.tv_sec)))
                } else {
                    entries.append(Entry(name: name, isDirectory: false, size: Int(info.st_size), modified: Int(info.st_mtim.tv_sec)))
                }
            case .missing, .refused:
                continue
            }
        }
        self.entries = entries.sorted { ($0.isDirectory ? 0 : 1, $0.name) < ($1.isDirectory ? 0 : 1, $1.name) }
        self.requestPath = requestPath
    }

    var json: String {
        let items = entries.map { entry in
            var item = JSONObjectWriter()
            item.add("name", entry.name)
            item.add("type", entry.isDirectory ? "directory" : "file")
            if entry.isDirectory { item.add("size", nil as String?) } else { item.add("size", entry.size) }
            item.add("modified", HTTPDate.format(unixSeconds: entry.modified))
            return item.json
        }
        var listing = JSONObjectWriter()
        listing.add("path", displayPath)
        listing.add("entries", json: JSONObjectWriter.array(items))
        return listing.json
    }

    var html: String {
        let title = Self.escapeHTML(displayPath)
        var page = """
            <!doctype html>
            <html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>Index of \(title)</title>
            <style>body{font:14px system-ui,sans-serif;margin:2em}td{padding:2px 12px 2px 0}td.n{text-align:right}</style>
            </head><body><h1>Index of \(title)</h1>
            <table><tr><th align="left">Name</th><th align="right">Size</th><th align="left">Modified</th></tr>

            """
        if requestPath != "/" { page += "<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n" }
        for entry in entries {
            let href = Self.percentEncode(entry.name) + (entry.isDirectory ? "/" : "")
            let shown = Self.escapeHTML(Self.visible(entry.name)) + (entry.isDirectory ? "/" : "")
            let size = entry.isDirectory ? "-" : String(entry.size)
            page += "<tr><td><a href=\"./\(href)\">\(shown)</a></td><td class=\"n\">\(size)</td>"
                + "<td>\(HTTPDate.format(unixSeconds: entry.modified))</td></tr>\n"
        }
        return page + "</table></body></html>\n"
    }

    /// The decoded path for titles (the raw one if it does not decode).
    private var displayPath: String { Self.visible(PercentDecoding.decode(requestPath) ?? requestPath) }

    /// Control characters (a newline in a file name) shown as `\xNN`, never passed through.
    static func visible(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7f {
                shown += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    static func escapeHTML(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Every byte but RFC 3986's unreserved characters as `%XX`, so a name is one path segment.
    static func percentEncode(_ name: String) -> String {
        var encoded = ""
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return encoded
    }
}
