import HTTPCore

#if canImport(Glibc)
import Glibc
#endif

/// Parser throughput on a realistic browser request (~500 bytes, 12 headers).
/// Run: swift run -c release ParserBench [seconds]
let request = Array((
    "GET /articles/2026/11/head-of-line-blocking?ref=home&lang=en HTTP/1.1\r\n"
    + "Host: www.example.com:8080\r\n"
    + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0\r\n"
    + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
    + "Accept-Language: en-GB,en;q=0.7,de;q=0.3\r\n"
    + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
    + "Referer: https://www.example.com/\r\n"
    + "Connection: keep-alive\r\n"
    + "Cookie: session=8f14e45fceea167a5a36dedd4bea2543; theme=dark\r\n"
    + "Upgrade-Insecure-Requests: 1\r\n"
    + "Sec-Fetch-Dest: document\r\n"
    + "Sec-Fetch-Mode: navigate\r\n"
    + "Priority: u=0, i\r\n"
    + "\r\n").utf8)

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Parses `batch` copies of the request fed as one buffer (as a pipelining client would
/// send them) and returns how many heads were parsed.
func run(batch: Int, parser: inout RequestParser, input: [UInt8]) -> Int {
    parser.append(input)
    var heads = 0
    while let event = parser.next() {
        if case .head = event { heads += 1 }
    }
    precondition(heads == batch, "parser lost a request")
    return heads
}

let seconds = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 3 : 3
let batch = 64
let input = Array([[UInt8]](repeating: request, count: batch).joined())
var parser = RequestParser()
for _ in 0..<1000 { _ = run(batch: batch, parser: &parser, input: input) }

var parsed = 0
let start = now()
var elapsed = 0.0
repeat {
    for _ in 0..<200 { parsed += run(batch: batch, parser: &parser, input: input) }
    elapsed = now() - start
} while elapsed < seconds

let requestsPerSecond = Double(parsed) / elapsed
let megabytesPerSecond = requestsPerSecond * Double(request.count) / 1e6
print("request: \(request.count) bytes, 12 header fields")
print("parsed \(parsed) requests in \(format3(elapsed)) s")
print("\(Int(requestsPerSecond)) requests/s, \(Int(megabytesPerSecond)) MB/s, \(format3(1e9 / requestsPerSecond)) ns/request")

func format3(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return "\(scaled)"
}
