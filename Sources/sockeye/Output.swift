#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered writes of whole lines to the standard streams (the log thread writes stdout too,
/// so lines must not interleave inside a buffer).
enum FileHandleOutput {
    static func standardOutput(_ line: String) { write(line + "\n", to: STDOUT_FILENO) }
    static func standardError(_ line: String) { write(line + "\n", to: STDERR_FILENO) }

    private static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
