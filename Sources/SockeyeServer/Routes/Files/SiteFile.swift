#if canImport(Glibc)
import Glibc
#endif
import HTTPCore

/// What serving a file needs, read once and cached (`FileCache`): its real path, size, validators,
/// media type, precompressed siblings, and the whole body when it is small.
struct SiteFile: Sendable {
    /// Bodies up to this size are kept in memory and written with their head in one write.
    static let smallBodyLimit = 64 * 1024

    struct Sibling: Sendable {
        var path: String
        var size: Int
        var etag: EntityTag
    }

    let path: String
    let size: Int
    let modified: Int
    let etag: EntityTag
    let lastModified: String
    let mediaType: String
    let smallBody: [UInt8]?
    /// `app.js.br`, `app.js.gz` beside the file, under the root.
    let siblings: [ContentCoding: Sibling]

    /// Whether the response depends on Accept-Encoding (and so says `Vary`).
    func variesByEncoding(compressOnTheFly: Bool) -> Bool {
        !siblings.isEmpty || (compressOnTheFly && MediaType.isCompressible(mediaType) && FileServer.compressibleSizes.contains(size))
    }

    /// nil when the file cannot be opened or is no longer a regular file.
    static func load(_ path: String, root: SiteRoot, findSiblings: Bool) -> SiteFile? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        var body: [UInt8]?
        if size <= smallBodyLimit {
            var bytes = [UInt8](repeating: 0, count: size)
            let read = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, size, 0) }
            guard read == size else { return nil }
            body = bytes
        }
        var siblings: [ContentCoding: Sibling] = [:]
        if findSiblings {
            for coding in ContentCoding.allCases {
                guard case .file(let siblingPath) = root.resolve(path + coding.fileSuffix) else { continue }
                var siblingInfo = stat()
                guard stat(siblingPath, &siblingInfo) == 0 else { continue }
                let tag = makeETag(size: Int(siblingInfo.st_size), modified: Int(siblingInfo.st_mtim.tv_sec), suffix: coding.etagSuffix)
                siblings[coding] = Sibling(path: siblingPath, size: Int(siblingInfo.st_size), etag: tag)
            }
        }
        let modified = Int(info.st_mtim.tv_sec)
        return SiteFile(path: path, size: size, modified: modified, etag: makeETag(size: size, modified: modified, suffix: ""),
                        lastModified: HTTPDate.format(unixSeconds: modified), mediaType: MediaType.forPath(path),
                        smallBody: body, siblings: siblings)
    }

    /// Size and modification time, as nginx makes them; an encoding adds its suffix (RFC 9110 §8.8.3).
    static func makeETag(size: Int, modified: Int, suffix: String) -> EntityTag {
        EntityTag(isWeak: false, opaque: Substring("\(String(size, radix: 16))-\(String(modified, radix: 16))\(suffix)"))
    }
}

extension EntityTag {
    var fieldValue: String { (isWeak ? "W/\"" : "\"") + opaque + "\"" }
}
