import Foundation
import SockeyeEvents
import SockeyeServer
import Testing

/// HTTP/2 on both I/O models with real clients: curl (prior knowledge, and ALPN over TLS),
/// Python's `h2` for multiplexing, and crafted frames for every error and attack case.
@Suite("HTTP/2")
struct HTTP2Tests {
    @Test("curl with prior knowledge: the seed's routes over h2c on the HTTP/1.1 port", arguments: IOModel.allCases)
    func priorKnowledge(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let hello = try Command.curl(["--http2-prior-knowledge", "-w", "\n%{http_version}", base + "/"])
        #expect(hello.stdout.contains("Hello World!") && hello.stdout.hasSuffix("\n2"), "curl: \(hello.stderr)")
        let head = try Command.curl(["--http2-prior-knowledge", "-I", base + "/"])
        #expect(head.stdout.hasPrefix("HTTP/2 200") && head.stdout.contains("content-length: "))
        // A body larger than the default 64 KiB windows: flow control both ways.
        let upload = String(repeating: "sockeye ", count: 40_000)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("h2-upload-\(getpid())-\(model)").path
        try upload.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let echo = try Command.curl(["--http2-prior-knowledge", "--data-binary", "@" + file, base + "/echo"])
        #expect(echo.stdout == upload)
        let chunked = try Command.curl(["--http2-prior-knowledge", base + "/chunked"])
        #expect(chunked.status == 0 && chunked.stdout.contains("chunk 5"))
        let missing = try Command.curl(["--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_code}", base + "/nope"])
        #expect(missing.stdout == "404")
        let plain = try Command.curl(["-w", "\n%{http_version}", base + "/"])
        #expect(plain.stdout.hasSuffix("\n1.1"), "HTTP/1.1 still answers on the same port")
        #expect(server.eventually { server.completed.count == 6 })
    }

    @Test("a static file as DATA frames the driver sends from the file: bytes intact, ranges", arguments: IOModel.allCases)
    func staticFile(model: IOModel) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("h2-site-\(getpid())-\(model)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let bytes: [UInt8] = (0..<3_000_000).map { (index: Int) -> UInt8 in UInt8(97 + (index / 4096 + index) % 26) }
        try Data(bytes).write(to: root.appendingPathComponent("big.bin"))
        let server = try TestServer(model: model) { $0.root = root.path }
        defer { server.stop() }
        let copy = root.appendingPathComponent("copy.bin").path
        let whole = try Command.curl(["--http2-prior-knowledge", "-o", copy, "-w", "%{http_version} %{http_code}",
                                      "http://127.0.0.1:\(server.port)/big.bin"])
        #expect(whole.stdout == "2 200", "curl: \(whole.stderr)")
        #expect(FileManager.default.contents(atPath: copy) == Data(bytes))
        let range = try Command.curl(["--http2-prior-knowledge", "-r", "1000-1009", "-w", " %{http_code}",
                                      "http://127.0.0.1:\(server.port)/big.bin"])
        #expect(range.stdout == String(decoding: bytes[1000...1009], as: UTF8.self) + " 206")
    }

    @Test("over TLS, ALPN picks h2 for curl --http2 and http/1.1 for --http1.1")
    func alpn() throws {
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let context = try TLSContext.load(certificateFile: certificate.certificate, keyFile: certificate.key)
        let server = try TestServer(model: .eventloop) { $0.tls = context }
        defer { server.stop() }
        let url = "https://localhost:\(server.port)/info"
        let h2 = try Command.curl(["--http2", "--cacert", certificate.certificate, "-w", "\n%{http_version}", url])
        #expect(h2.stdout.hasSuffix("\n2"), "curl: \(h2.stderr)")
        let h1 = try Command.curl(["--http1.1", "--cacert", certificate.certificate, "-w", "\n%{http_version}", url])
        #expect(h1.stdout.hasSuffix("\n1.1"))
        #expect(server.eventually {
            server.events.compactMap { if case .tlsEstablished(let record) = $0 { record.alpn } else { nil } } == ["h2", "http/1.1"]
        })
    }

    @Test("three streams on one connection: /info finishes while /slow is still running",
          .enabled(if: PythonH2.interpreter != nil, "Python's h2 package could not be installed into a venv (no PyPI)"),
          arguments: IOModel.allCases)
    func multiplexing(model: IOModel) throws {
        let server = try TestServer(model: model)
        defer { server.stop() }
        let script = """
        import socket, sys, time, h2.connection, h2.events, h2.config
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1]))); s.settimeout(10)
        c = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True)); c.initiate_connection()
        paths, ids, done = ["/slow?ms=800", "/info", "/"], {}, []
        for p in paths:
            i = c.get_next_available_stream_id(); ids[i] = p
            c.send_headers(i, [(":method", "GET"), (":path", p), (":scheme", "http"), (":authority", "x")], end_stream=True)
        s.sendall(c.data_to_send()); start = time.time()
        while len(done) < 3:
            data = s.recv(65536)
            if not data: break
            for e in c.receive_data(data):
                if isinstance(e, h2.events.StreamEnded): done.append("%s %.3f" % (ids[e.stream_id], time.time() - start))
            s.sendall(c.data_to_send())
        print("\\n".join(done))
        """
        let result = try Command.run(PythonH2.interpreter!, ["-c", script, String(server.port)])
        let finished = result.stdout.split(separator: "\n").map { $0.split(separator: " ") }
        #expect(finished.count == 3, "h2 client: \(result.stderr)")
        #expect(finished.last?.first == "/slow?ms=800", "the slow stream finishes last: \(result.stdout)")
        let fast = finished.filter { $0.first != "/slow?ms=800" }.compactMap { Double($0[1]) }
        #expect(fast.count == 2 && fast.allSatisfy { $0 < 0.5 }, "no stream waited behind /slow: \(result.stdout)")
        #expect(server.eventually { server.completed.count == 3 })
        #expect(server.completed.allSatisfy { $0.wait == 0 })
    }

    @Test("every error is the RFC's: GOAWAY or RST_STREAM with the right code; limits hold against the known attacks",
          .enabled(if: PythonH2.interpreter != nil, "Python's h2 package could not be installed into a venv (no PyPI)"))
    func errorsAndAttacks() throws {
        let server = try TestServer(model: .eventloop) { $0.sendTimeout = 2 }
        defer { server.stop() }
        let outcomes = try PythonH2.run(port: server.port, cases: [
            "ping", "bad_preface", "even_stream", "uppercase", "connection_field", "refused", "rapid_reset",
            "continuation_flood", "hpack_bomb", "flow_control", "zero_window", "window_overflow", "data_on_idle",
        ])
        #expect(outcomes["ping"] == "ack")
        #expect(outcomes["bad_preface"] == "HTTP/1.1 505 HTTP Version Not Supported", "not the preface: HTTP/1.1 answers")
        #expect(outcomes["even_stream"] == "goaway 1", "§5.1.1: PROTOCOL_ERROR")
        #expect(outcomes["uppercase"] == "rst 1 1", "§8.2.1: malformed, stream error PROTOCOL_ERROR")
        #expect(outcomes["connection_field"] == "rst 1", "§8.2.2: connection-specific field")
        #expect(outcomes["refused"] == "rst 201 7", "the 101st concurrent stream: REFUSED_STREAM")
        #expect(outcomes["rapid_reset"] == "goaway 11", "CVE-2023-44487: ENHANCE_YOUR_CALM")
        #expect(outcomes["continuation_flood"] == "goaway 11", "CONTINUATION flood: ENHANCE_YOUR_CALM")
        #expect(outcomes["hpack_bomb"] == "431", "HPACK bomb: the decoded list is capped, the stream answered 431")
        #expect(outcomes["flow_control"] == "50 then 88", "a 50-byte window gets 50 bytes, the rest after WINDOW_UPDATE")
        #expect(outcomes["zero_window"] == "closed", "a window held shut meets the send timeout")
        #expect(outcomes["window_overflow"] == "goaway 3", "§6.9.1: FLOW_CONTROL_ERROR")
        #expect(outcomes["data_on_idle"] == "goaway 1", "§5.1: DATA on an idle stream")
        // The attacks cost only their own connections.
        let after = try Command.curl(["--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_code}",
                                      "http://127.0.0.1:\(server.port)/"])
        #expect(after.stdout == "200")
    }
}
