// swift-tools-version:6.0
import PackageDescription

/// Runtime exclusivity checks cost ~100 instructions per class-property access on Linux; release
/// builds of the request path and of the log view drop them (debug builds and the test suite keep them).
/// Cross-module optimization lets the server specialize and inline HTTPCore's generic helpers.
let hotPathSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "Sockeye",
    products: [
        .executable(name: "sockeye", targets: ["sockeye"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Sans-I/O HTTP/1.1: parser, chunked codec, serializer. Depends on nothing.
        .target(name: "HTTPCore", swiftSettings: hotPathSettings),
        // HPACK (RFC 7541): HTTP/2's header compression, static and dynamic tables, Huffman.
        .target(name: "HPACK", swiftSettings: hotPathSettings),
        // Sans-I/O HTTP/2 framing (RFC 9113): frame decoder and writer, settings, error codes.
        .target(name: "HTTP2Core", swiftSettings: hotPathSettings),
        // What Glibc's Swift module hides: epoll and accept4.
        .target(name: "CSockeye"),
        // Sockets, addresses and threads: what the server and the demo's client both stand on.
        .target(name: "SockeyeSockets", dependencies: ["CSockeye"]),
        // Text for terminals and JSON: client text made safe to show, and the one JSON writer.
        .target(name: "SockeyeText", swiftSettings: hotPathSettings),
        // Event types, the bounded bus, counters and aggregated statistics. Depends on HTTPCore only
        // for the parsed head a request record copies its texts from.
        .target(name: "SockeyeEvents", dependencies: ["HTTPCore"], swiftSettings: hotPathSettings),
        // Sockets, event loop, thread-per-connection driver, connections, routes.
        .target(
            name: "SockeyeServer",
            dependencies: ["HTTPCore", "HTTP2Core", "HPACK", "CSockeye", "COpenSSL", "CZlib", "CBrotli", "SockeyeEvents",
                           "SockeyeSockets", "SockeyeText"],
            swiftSettings: hotPathSettings),
        // OpenSSL 3 for HTTPS, with functions for what does not import (macros, variadics).
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        // zlib (gzip) and libbrotli's encoder, for compressing static files on the fly.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlienc", providers: [.apt(["libbrotli-dev"])]),
        // ncursesw, with accessors for what does not import (macros, globals). No pkgConfig: its cflags
        // (-D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600) are flags SwiftPM prohibits; shim.h defines what it needs.
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncurses-dev"])]),
        // The live terminal dashboard: a pure renderer over statistics snapshots, and a curses backend.
        .target(name: "SockeyeDashboard", dependencies: ["CNCurses", "SockeyeEvents", "SockeyeText"]),
        // `sockeye demo hol`: a client that makes head-of-line blocking visible.
        .target(name: "SockeyeDemo", dependencies: ["HTTPCore", "HTTP2Core", "HPACK", "SockeyeSockets", "SockeyeEvents", "SockeyeText"]),
        // The plain log view (text, Combined Log Format, JSON lines).
        .target(name: "SockeyeLog", dependencies: ["HTTPCore", "SockeyeEvents", "SockeyeText"], swiftSettings: hotPathSettings),
        // `--admin`: Prometheus metrics, the live event stream and a status snapshot, served by the server's own code.
        .target(name: "SockeyeAdmin", dependencies: ["HTTPCore", "SockeyeServer", "SockeyeSockets", "SockeyeEvents", "SockeyeLog", "SockeyeText"]),
        // `sockeye top` and `sockeye replay`: statistics from outside the process, read from admin
        // endpoints' `/status` or from a recording, for the dashboard to show.
        .target(name: "SockeyeRemote", dependencies: ["HTTPCore", "SockeyeSockets", "SockeyeEvents"]),
        .executableTarget(
            name: "sockeye",
            dependencies: [
                "SockeyeServer", "SockeyeSockets", "SockeyeEvents", "SockeyeLog", "SockeyeDashboard", "SockeyeDemo", "SockeyeAdmin",
                "SockeyeRemote",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "ParserBench", dependencies: ["HTTPCore"]),
        .testTarget(name: "HTTPCoreTests", dependencies: ["HTTPCore"]),
        .testTarget(name: "HPACKTests", dependencies: ["HPACK"]),
        .testTarget(name: "HTTP2CoreTests", dependencies: ["HTTP2Core"]),
        .testTarget(name: "SockeyeEventsTests", dependencies: ["SockeyeEvents", "HTTPCore"]),
        .testTarget(name: "SockeyeLogTests", dependencies: ["SockeyeLog", "SockeyeEvents", "HTTPCore"]),
        .testTarget(name: "SockeyeTextTests", dependencies: ["SockeyeText"]),
        .testTarget(name: "SockeyeRemoteTests", dependencies: ["SockeyeRemote", "SockeyeEvents", "SockeyeLog", "HTTPCore"]),
        .testTarget(
            name: "SockeyeDashboardTests", dependencies: ["SockeyeDashboard", "SockeyeEvents", "HTTPCore"],
            resources: [.copy("Golden")]),
        // h2_cases.py is run by the HTTP/2 tests from its place in the tree (`#filePath`), not built.
        .testTarget(name: "SockeyeServerTests", dependencies: ["SockeyeServer", "SockeyeSockets", "HTTPCore", "SockeyeDemo"],
                    exclude: ["HTTP2/h2_cases.py"]),
    ],
    swiftLanguageModes: [.v6]
)
