/// The one request head every demo sends: `GET path` on a keep-alive connection.
enum DemoRequest {
    static func get(_ path: String, host: String, port: Int) -> [UInt8] {
        Array("GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nUser-Agent: sockeye-demo\r\n\r\n".utf8)
    }
}
