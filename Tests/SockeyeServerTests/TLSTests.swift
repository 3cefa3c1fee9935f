import Foundation
import SockeyeEvents
import SockeyeServer
import Testing

/// HTTPS on both I/O models, with real clients: curl with `--cacert`, Python's `ssl` module for
/// pipelining, and raw sockets for clients that misbehave during the handshake.
@Suite("TLS", .enabled(if: TestCertificate.openssl != nil, "the openssl CLI is not installed (Debian package openssl)"))
struct TLSTests {
    private static func tlsServer(_ model: IOModel, _ certificate: TestCertificate,
                                  configure: (inout ServerConfig) -> Void = { _ in }) throws -> TestServer {
        let context = try TLSContext.load(certificateFile: certificate.certificate, keyFile: certificate.key)
        return try TestServer(model: model) {
            $0.tls = context
            configure(&$0)
        }
    }

    private static func handshakes(_ server: TestServer) -> [TLSHandshakeRecord] {
        server.events.compactMap { if case .tlsEstablished(let record) = $0 { record } else { nil } }
    }

    @Test("the seed's curl lines over HTTPS/1.1, keep-alive reused, TLS 1.3 with ALPN http/1.1", arguments: IOModel.allCases)
    func curlOverTLS(model: IOModel) throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let server = try Self.tlsServer(model, certificate)
        defer { server.stop() }
        let base = "https://localhost:\(server.port)"
        let pair = try Command.curl(["--http1.1", "-v", "--cacert", certificate.certificate, base + "/", base + "/info"])
        #expect(pair.status == 0, "curl: \(pair.stderr)")
        #expect(pair.stdout.contains("Hello World!"))
        #expect(pair.stdout.contains(#""request":2"#))
        #expect(pair.stderr.contains("Re-using existing connection"))
        #expect(pair.stderr.contains("ALPN: server accepted http/1.1"))
        let echo = try Command.curl(["--http1.1", "--cacert", certificate.certificate, "-d", "Hello!", base + "/echo"])
        #expect(echo.stdout == "Hello!")
        let json = try Command.curl(["--http1.1", "--cacert", certificate.certificate, "-H", "Content-Type: application/json",
                                     "-d", #"{"name": "Alice"}"#, base + "/json"])
        #expect(json.stdout.contains("Hello, Alice!"))
        let chunked = try Command.curl(["--http1.1", "--cacert", certificate.certificate, base + "/chunked"])
        #expect(chunked.status == 0 && chunked.stdout.contains("chunk 5"))
        let tls12 = try Command.curl(["--http1.1", "--cacert", certificate.certificate, "--tls-max", "1.2", "-o", "/dev/null", "-w", "%{http_code}",
                                      base + "/"])
        #expect(tls12.stdout == "200")
        let tls11 = try Command.curl(["--http1.1", "--cacert", certificate.certificate, "--tlsv1.0", "--tls-max", "1.1", base + "/"])
        #expect(tls11.status != 0, "TLS 1.1 is refused")

        #expect(server.eventually { Self.handshakes(server).count == 5 })
        let records = Self.handshakes(server)
        #expect(records.filter { $0.version == "TLSv1.3" }.count == 4)
        #expect(records.filter { $0.version == "TLSv1.2" }.count == 1)
        #expect(records.allSatisfy { $0.alpn == "http/1.1" && $0.serverName == "localhost" && $0.duration > 0 })
        #expect(server.eventually { server.completed.count == 6 })
        #expect(server.counters.tlsFailures.load(ordering: .relaxed) == 1)
    }

    @Test("pipelined requests over TLS are answered in order, the fast one behind /slow", arguments: IOModel.allCases)
    func pipeliningOverTLS(model: IOModel) throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let server = try Self.tlsServer(model, certificate)
        defer { server.stop() }
        let script = """
        import socket, ssl, sys
        context = ssl.create_default_context(cafile=sys.argv[2])
        with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10) as raw:
            with context.wrap_socket(raw, server_hostname="localhost") as tls:
                tls.sendall(b"GET /slow?ms=300 HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"
                            b"GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"
                            b"GET /info HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n")
                data = b""
                while True:
                    part = tls.recv(65536)
                    if not part:
                        break
                    data += part
                sys.stdout.write(tls.version() + "\\n" + data.decode("latin-1"))
        """
        let result = try Command.python(script, [String(server.port), certificate.certificate])
        #expect(result.status == 0, "python: \(result.stderr)")
        #expect(result.stdout.hasPrefix("TLSv1.3\n"))
        let responses = HTTPResponse.parseAll(Array(result.stdout.utf8.dropFirst("TLSv1.3\n".utf8.count)))
        try #require(responses.count == 3)
        #expect(responses.map(\.status) == [200, 200, 200])
        #expect(responses[1].text.contains("Hello World!"))
        #expect(responses[2].text.contains(#""request":3"#))
        #expect(server.eventually { server.completed.count == 3 })
        let hello = try #require(server.completed.first { $0.target == "/" })
        #expect(hello.wait >= 250_000_000, "GET / waited behind /slow")
    }

    @Test("silent, plaintext, truncated and vanishing clients are closed; others still served; no fd leaks",
          arguments: IOModel.allCases)
    func misbehavingHandshakes(model: IOModel) throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let server = try SockeyeProcess(["--ui", "log", "--log-format", "json", "--model", model.rawValue,
                                         "--tls-cert", certificate.certificate, "--tls-key", certificate.key,
                                         "--tls-handshake-timeout", "1"])
        defer { server.stop() }
        let baseline = ProcessStats.openDescriptors(server.child.pid)
        // A ClientHello record that promises 512 bytes and delivers a few.
        let truncatedHello: [UInt8] = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03] + Array(repeating: 0x2A, count: 20)
        let silent = try RawClient(port: server.port, timeout: 4)
        let plaintext = try RawClient(port: server.port, timeout: 4)
        plaintext.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        let truncated = try RawClient(port: server.port, timeout: 4)
        truncated.send(truncatedHello)
        do {
            let vanishing = try RawClient(port: server.port)
            vanishing.send(truncatedHello)
        }
        let plainAnswer = plaintext.readAll()
        #expect(plainAnswer.closed)
        #expect(!String(decoding: plainAnswer.bytes, as: UTF8.self).contains("HTTP/1.1"), "no HTTP is spoken before the handshake")
        #expect(silent.waitForClose(), "the silent client is closed by the handshake timeout")
        #expect(truncated.waitForClose(), "the truncated ClientHello is closed by the handshake timeout")

        let served = try Command.curl(["--cacert", certificate.certificate, "https://localhost:\(server.port)/"])
        #expect(served.stdout.contains("Hello World!"), "curl: \(served.stderr)")
        // The log is written by its own thread in batches: wait for the lines, then check them.
        let deadline = Date().addingTimeInterval(5)
        var failures: [String] { server.lines.filter { $0.contains(#""type":"tls_failed""#) } }
        var established: Bool {
            server.lines.contains { $0.contains(#""type":"tls_established""#) && $0.contains(#""alpn":"h2""#) }
        }
        while (ProcessStats.openDescriptors(server.child.pid) > baseline || failures.count < 4 || !established) && Date() < deadline {
            usleep(50_000)
        }
        #expect(ProcessStats.openDescriptors(server.child.pid) <= baseline, "every socket was closed")
        #expect(failures.count == 4, "\(failures)")
        #expect(failures.filter { $0.contains("handshake timeout") }.count == 2)
        #expect(failures.contains { $0.contains("http request") })
        #expect(established)
    }

    @Test("over --max-connections a TLS client is closed without a plaintext 503, and the refusal is published",
          arguments: IOModel.allCases)
    func connectionLimitOverTLS(model: IOModel) throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let server = try Self.tlsServer(model, certificate) { $0.maxConnections = 1 }
        defer { server.stop() }
        let held = try RawClient(port: server.port)  // takes the one place (mid-handshake)
        #expect(server.eventually { server.server.openConnections == 1 })
        let refused = try RawClient(port: server.port)
        let answer = refused.readAll()
        #expect(answer.closed && answer.bytes.isEmpty, "no plaintext 503 on a TLS port")
        #expect(server.eventually { server.rejections.contains { $0 == (503, "connection limit") } })
        withExtendedLifetime(held) {}
    }

    @Test("--tls-self-signed prints the fingerprint the client sees", arguments: IOModel.allCases)
    func selfSigned(model: IOModel) throws {
        let server = try SockeyeProcess(["--ui", "log", "--model", model.rawValue, "--tls-self-signed"])
        defer { server.stop() }
        #expect(server.url.hasPrefix("https://"))
        let hello = try Command.curl(["--insecure", "https://localhost:\(server.port)/"])
        #expect(hello.stdout.contains("Hello World!"))
        let printed = try #require(server.child.stderr.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        let seen = try Command.run("bash", ["-c",
            "openssl s_client -connect 127.0.0.1:\(server.port) </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256"])
        #expect(seen.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "sha256 Fingerprint=\(printed)")
        let names = try Command.run("bash", ["-c",
            "openssl s_client -connect 127.0.0.1:\(server.port) </dev/null 2>/dev/null | openssl x509 -noout -ext subjectAltName"])
        #expect(names.stdout.contains("DNS:localhost") && names.stdout.contains("IP Address:127.0.0.1"))
    }

    @Test("a missing, wrong or mismatched certificate or key: one line naming the file, exit 2")
    func badCertificateFiles() throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let other = try TestCertificate()
        defer { other.remove() }
        let binary = SockeyeProcess.binary.path
        let cases: [([String], String)] = [
            (["--tls-cert", "/nonexistent/cert.pem", "--tls-key", certificate.key], "cannot read /nonexistent/cert.pem"),
            (["--tls-cert", certificate.key, "--tls-key", certificate.key], "\(certificate.key) is not a PEM certificate"),
            (["--tls-cert", certificate.certificate, "--tls-key", certificate.certificate], "\(certificate.certificate) is not a PEM private key"),
            (["--tls-cert", certificate.certificate, "--tls-key", other.key], "\(other.key) does not match the certificate"),
        ]
        for (arguments, message) in cases {
            let result = try Command.run(binary, ["--port", "0", "--ui", "none"] + arguments, timeout: 10)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        let unpaired = try Command.run(binary, ["--port", "0", "--tls-cert", certificate.certificate], timeout: 10)
        #expect(unpaired.status == 64 && unpaired.stderr.contains("--tls-cert and --tls-key go together"))
    }
}
