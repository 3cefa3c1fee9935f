import CBrotli
import CZlib

/// One-shot compression of a whole body in memory (bodies are capped by the caller).
enum Compressor {
    static func compress(_ input: [UInt8], as coding: ContentCoding) -> [UInt8]? {
        switch coding {
        case .gzip: gzip(input)
        case .brotli: brotli(input)
        }
    }

    /// zlib level 6 (its default, nginx's gzip_comp_level is 1) in a gzip wrapper.
    private static func gzip(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard sockeye_deflate_init_gzip(&stream, 6) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))))
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = UInt32(destination.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }

    /// Quality 5: most of brotli's gain at a fraction of quality 11's time, as servers that compress
    /// on the fly use.
    private static func brotli(_ input: [UInt8]) -> [UInt8]? {
        var size = BrotliEncoderMaxCompressedSize(input.count)
        guard size > 0 else { return nil }
        var output = [UInt8](repeating: 0, count: size)
        let done = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, source.count, source.baseAddress, &size,
                                      destination.baseAddress)
            }
        }
        guard done == BROTLI_TRUE else { return nil }
        output.removeLast(output.count - size)
        return output
    }
}
