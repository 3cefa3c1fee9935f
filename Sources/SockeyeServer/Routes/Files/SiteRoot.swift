#if canImport(Glibc)
import Glibc
#endif

/// The folder a site is served from, and what a request path names under it. Every path the file
/// server opens or lists goes through `resolve`, so what a listing shows is exactly what can be served.
struct SiteRoot: Sendable {
    /// Real path (symlinks resolved), without a trailing slash.
    let path: String
    let servesDotfiles: Bool

    enum Lookup {
        /// Nothing by that name under the root: the built-in routes may answer.
        case missing
        /// A path refused outright (400) or something that exists but is not served (404).
        case refused(Int)
        case file(path: String)
        case directory(path: String)
    }

    init(_ root: String, servesDotfiles: Bool) {
        path = Self.realPath(root) ?? root
        self.servesDotfiles = servesDotfiles
    }

    /// `requestPath` as sent (percent-encoded). Decoded once; NUL, backslash and `..` segments after
    /// decoding are refused; a dot segment (`.env`, `.git/`) is not served unless `servesDotfiles`.
    func lookup(_ requestPath: String) -> Lookup {
        guard let decoded = PercentDecoding.decode(requestPath), !decoded.contains("\0"), !decoded.contains("\\") else {
            return .refused(400)
        }
        let segments = decoded.split(separator: "/")
        if segments.contains("..") { return .refused(400) }
        if !servesDotfiles && segments.contains(where: Self.isHidden) { return .refused(404) }
        return resolve(path + "/" + segments.joined(separator: "/"))
    }

    /// Symlinks resolved; served only if the real path stays under the root (and is no dotfile there).
    func resolve(_ candidate: String) -> Lookup {
        guard let resolved = Self.realPath(candidate) else { return errno == ENOENT || errno == ENOTDIR ? .missing : .refused(404) }
        guard resolved == path || resolved.hasPrefix(path + "/") else { return .refused(404) }
        if !servesDotfiles && resolved.dropFirst(path.count).split(separator: "/").contains(where: Self.isHidden) {
            return .refused(404)
        }
        var info = stat()
        guard stat(resolved, &info) == 0 else { return .refused(404) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(path: resolved)
        case S_IFDIR: return .directory(path: resolved)
        default: return .refused(404)
        }
    }

    private static func isHidden(_ segment: Substring) -> Bool { segment.first == "." && segment != "." }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
