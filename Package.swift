// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Sockeye",
    targets: [
        // Sans-I/O HTTP/1.1: parser, chunked codec, serializer. Depends on nothing.
        .target(name: "HTTPCore"),
        .executableTarget(name: "ParserBench", dependencies: ["HTTPCore"]),
        .testTarget(name: "HTTPCoreTests", dependencies: ["HTTPCore"]),
    ],
    swiftLanguageModes: [.v6]
)
