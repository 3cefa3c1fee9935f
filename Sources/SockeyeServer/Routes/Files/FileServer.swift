#if canImport(Glibc)
import Glibc
#endif
import HTTPCore

/// Serves a site from a folder: files, a folder's `index.html` or its listing, the redirect that
/// gives a folder its slash, conditional requests (RFC 9110 §13), byte ranges (§14) and content
/// codings (precompressed siblings or compressed on the fly, §8.4, §12.5.3).
final class FileServer: Sendable {
    /// Compressed on the fly: compressible types from 1 KiB (smaller gains little) to 4 MiB (the
    /// compressed copy is kept in memory).
    static let compressibleSizes = 1024...(4 * 1024 * 1024)

    let root: SiteRoot
    let compresses: Bool
    private let cache = FileCache()

    init(root: SiteRoot, compresses: Bool) {
        self.root = root
        self.compresses = compresses
    }

    /// nil: nothing under the root by that path, so a built-in route may answer.
    func respond(to request: Request) -> Response? {
        let requestPath = request.path
        if let file = cache.fresh(requestPath) { return serve(file, key: requestPath, request) }
        switch root.lookup(requestPath) {
        case .missing:
            return nil
        case .refused(let status):
            return .rejection(status)
        case .file(let path):
            return load(path, key: requestPath, request)
        case .directory(let path):
            // Relative links in the folder's page resolve against the slash form (nginx answers the same).
            guard requestPath.hasSuffix("/") else {
                let location = requestPath + "/" + (request.query.isEmpty ? "" : "?" + request.query)
                return .text(301, "301 Moved Permanently: \(location)\n", fields: [("Location", location)])
            }
            if case .file(let index) = root.resolve(path + "/index.html") { return load(index, key: requestPath, request) }
            return listing(of: path, requestPath: requestPath, request)
        }
    }

    private func load(_ path: String, key: String, _ request: Request) -> Response {
        guard let file = SiteFile.load(path, root: root, findSiblings: compresses) else { return .rejection(404) }
        cache.remember(file, for: key)
        return serve(file, key: key, request)
    }

    /// What the body is read from once a representation is chosen.
    private enum Source {
        case memory([UInt8])
        case disk(path: String, size: Int)
    }

    private func serve(_ file: SiteFile, key: String, _ request: Request) -> Response {
        let fields = request.fields
        let isGet = request.method == .get
        let wantsRange = isGet && fields.contains("range")
        var fieldsOut = [("Content-Type", file.mediaType), ("Accept-Ranges", "bytes")]
        if compresses && file.variesByEncoding(compressOnTheFly: true) { fieldsOut.append(("Vary", "Accept-Encoding")) }

        // The representation (§12.5.3). Range requests get the identity bytes: ranges of an encoding
        // on the fly would change with the compressor.
        var etag = file.etag
        var source: Source = file.smallBody.map(Source.memory) ?? .disk(path: file.path, size: file.size)
        if compresses && !wantsRange, let (coding, tag, encoded) = encoded(file, key: key, accepting: fields["accept-encoding"]) {
            etag = tag
            source = encoded
            fieldsOut.append(("Content-Encoding", coding.rawValue))
        }
        fieldsOut += [("ETag", etag.fieldValue), ("Last-Modified", file.lastModified)]

        let now = Int(time(nil))
        let outcome = Preconditions.evaluate(fields, isGetOrHead: true, isGet: isGet,
                                             validators: Validators(etag: etag, modified: file.modified), now: now)
        switch outcome {
        case .failed:
            return .text(412, "412 Precondition Failed\n", fields: [("ETag", etag.fieldValue)])
        case .notModified:
            // §15.4.5: a 304 carries the validators and Vary a 200 would have, no content fields.
            return Response(status: 304, fields: fieldsOut.filter { ["ETag", "Last-Modified", "Vary"].contains($0.0) })
        case .proceed(let honoursRange):
            guard honoursRange, let range = fields["range"] else { return respond(200, fieldsOut, source, nil) }
            let size = file.size
            switch ByteRanges.parse(range, size: size) {
            case .ignored:
                return respond(200, fieldsOut, source, nil)
            case .unsatisfiable:
                return .text(416, "416 Range Not Satisfiable\n", fields: [("Content-Range", "bytes */\(size)")])
            case .satisfiable(let ranges) where ranges.count == 1:
                let only = ranges[0]
                fieldsOut.append(("Content-Range", "bytes \(only.lowerBound)-\(only.upperBound - 1)/\(size)"))
                return respond(206, fieldsOut, source, only)
            case .satisfiable(let ranges):
                guard ranges.reduce(0, { $0 + $1.count }) <= MultipartByteRanges.maxBytes,
                      let (body, type) = MultipartByteRanges.make(ranges: ranges, size: size, mediaType: file.mediaType,
                                                                  read: { read(source, $0) })
                else { return respond(200, fieldsOut, source, nil) }
                fieldsOut[0] = ("Content-Type", type)
                return Response(status: 206, fields: fieldsOut, body: .bytes(body))
            }
        }
    }

    /// The best coding `Accept-Encoding` allows that this file has: a precompressed sibling, or the
    /// body compressed here (cached with the file).
    private func encoded(_ file: SiteFile, key: String, accepting field: String?) -> (ContentCoding, EntityTag, Source)? {
        for coding in ContentCoding.acceptable(field) {
            if let sibling = file.siblings[coding] {
                return (coding, sibling.etag, .disk(path: sibling.path, size: sibling.size))
            }
            guard MediaType.isCompressible(file.mediaType), Self.compressibleSizes.contains(file.size) else { continue }
            let body = cache.compressed(for: key, file: file, coding: coding) {
                read(file.smallBody.map(Source.memory) ?? .disk(path: file.path, size: file.size), 0..<file.size)
                    .flatMap { Compressor.compress($0, as: coding) }
            }
            if let body {
                let tag = SiteFile.makeETag(size: file.size, modified: file.modified, suffix: coding.etagSuffix)
                return (coding, tag, .memory(body))
            }
        }
        return nil
    }

    /// A body from memory (one write with its head) or an open file the driver sends (sendfile).
    private func respond(_ status: Int, _ fields: [(String, String)], _ source: Source, _ range: Range<Int>?) -> Response {
        switch source {
        case .memory(let bytes):
            return Response(status: status, fields: fields, body: .bytes(range.map { Array(bytes[$0]) } ?? bytes))
        case .disk(let path, let size):
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return .rejection(404) }
            let range = range ?? 0..<size
            return Response(status: status, fields: fields, body: .file(FileBody(fd: fd, offset: range.lowerBound, length: range.count)))
        }
    }

    private func read(_ source: Source, _ range: Range<Int>) -> [UInt8]? {
        switch source {
        case .memory(let bytes):
            return Array(bytes[range])
        case .disk(let path, _):
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var bytes = [UInt8](repeating: 0, count: range.count)
            let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, range.count, off_t(range.lowerBound)) }
            return count == range.count ? bytes : nil
        }
    }

    /// JSON when the client asks for it over HTML (`Accept: application/json`), HTML otherwise.
    private func listing(of directory: String, requestPath: String, _ request: Request) -> Response {
        guard let listing = DirectoryListing(directory: directory, requestPath: requestPath, root: root) else {
            return .rejection(404)
        }
        let accept = request.fields["accept"] ?? ""
        let wantsJSON = accept.contains("application/json") && !accept.contains("text/html")
        let fields = [("Vary", "Accept")]
        if wantsJSON { return Response(status: 200, fields: [("Content-Type", "application/json")] + fields, body: .bytes(Array((listing.json + "\n").utf8))) }
        return Response(status: 200, fields: [("Content-Type", "text/html; charset=utf-8")] + fields, body: .bytes(Array(listing.html.utf8)))
    }
}
