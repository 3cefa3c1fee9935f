import HTTPCore
import SockeyeEvents

extension RequestRecord {
    /// A request read from outside (a `/status`, a recording), timed by when it finished, how long it
    /// took and how long of that it waited; `version` as it was written (`HTTP/2.0`).
    init(connection: UInt64, sequence: Int, method: String, target: String, version: String?, status: Int, bytesIn: Int,
         bytesOut: Int, chunked: Bool, finishedAt: UInt64, duration: UInt64, wait: UInt64, blockedBy: String?, peer: String,
         instance: UInt8 = 0) {
        let headAt = finishedAt > duration ? finishedAt - duration : 0
        self.init(connection: connection, sequence: sequence, method: method, target: target,
                  version: version.flatMap(HTTPVersion.init(text:)) ?? .http11, status: status, bytesIn: bytesIn,
                  bytesOut: bytesOut, chunked: chunked, headAt: headAt, startedAt: headAt + min(wait, duration),
                  finishedAt: finishedAt, wait: min(wait, duration), blockedBy: blockedBy, peer: peer, instance: instance)
    }
}
