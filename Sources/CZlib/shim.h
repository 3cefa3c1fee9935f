#include <zlib.h>

// deflateInit2 is a macro (it passes the library version and the stream's size): a function Swift can call.
static inline int sockeye_deflate_init_gzip(z_stream *stream, int level) {
    // windowBits 15 + 16: a gzip wrapper rather than zlib's (RFC 1952, the `gzip` coding of RFC 9110 §8.4.1.3).
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
