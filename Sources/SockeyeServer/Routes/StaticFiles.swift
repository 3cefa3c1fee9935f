#if canImport(Glibc)
import Glibc
#endif
import HTTPCore

/// Serves files under a root folder: traversal-safe, with validators (ETag, Last-Modified → 304),
/// single byte ranges (206/416) and HEAD. Bodies stream from the open file, never loaded whole.
final class StaticFiles: Sendable {
    let root: String

    init(root: String) {
        self.root = Self.realPath(root) ?? root
    }

    func respond(to request: Request) -> Response {
        // Decode once; a NUL, a backslash or any ".." segment after decoding is refused.
        guard let decoded = PercentDecoding.decode(request.path), !decoded.contains("\0"), !decoded.contains("\\") else {
            return .rejection(400)
        }
        let segments = decoded.split(separator: "/")
        if segments.contains("..") { return .rejection(400) }
        var path = root + "/" + segments.joined(separator: "/")
        // Resolve symlinks and serve only what stays under the root.
        guard let resolved = Self.realPath(path), resolved == root || resolved.hasPrefix(root + "/") else {
            return .text(404, "404 Not Found\n")
        }
        path = resolved
        var info = stat()
        guard stat(path, &info) == 0 else { return .text(404, "404 Not Found\n") }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            // Never list a directory; serve its index.html when there is one.
            return respondIndex(of: path, request: request)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .text(404, "404 Not Found\n") }
        return respondFile(path, info: info, request: request)
    }

    private func respondIndex(of directory: String, request: Request) -> Response {
        var info = stat()
        let index = directory + "/index.html"
        guard stat(index, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .text(404, "404 Not Found\n") }
        return respondFile(index, info: info, request: request)
    }

    private func respondFile(_ path: String, info: stat, request: Request) -> Response {
        let size = Int(info.st_size)
        let modified = Int(info.st_mtim.tv_sec)
        let etag = "\"\(String(size, radix: 16))-\(String(modified, radix: 16))\""
        let lastModified = HTTPDate.format(unixSeconds: modified)
        let validators = [("ETag", etag), ("Last-Modified", lastModified)]
        if notModified(request, etag: etag, lastModified: lastModified) {
            return Response(status: 304, fields: validators)
        }
        var fields = [("Content-Type", MediaType.forPath(path)), ("Accept-Ranges", "bytes")] + validators
        var status = 200
        var range = 0..<size
        if let rangeField = request.fields["range"], request.fields["if-range"].map({ $0 == etag }) ?? true {
            switch ByteRange.parse(rangeField, size: size) {
            case .satisfiable(let requested):
                status = 206
                range = requested
                fields.append(("Content-Range", "bytes \(requested.lowerBound)-\(requested.upperBound - 1)/\(size)"))
            case .unsatisfiable:
                return .text(416, "416 Range Not Satisfiable\n", fields: [("Content-Range", "bytes */\(size)")])
            case .ignored:
                break
            }
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .text(403, "403 Forbidden\n") }
        return Response(status: status, fields: fields, body: .file(FileBody(fd: fd, offset: range.lowerBound, length: range.count)))
    }

    /// If-None-Match takes precedence over If-Modified-Since (RFC 9110 §13.2.2).
    private func notModified(_ request: Request, etag: String, lastModified: String) -> Bool {
        if let match = request.fields["if-none-match"] {
            return match == "*" || match.split(separator: ",").contains { $0.trimmingSpaces == etag || $0.trimmingSpaces == "W/" + etag }
        }
        return request.fields["if-modified-since"] == lastModified
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
