import SockeyeEvents
import Synchronization

/// `sockeye replay FILE`: a recording played into the dashboard at `speed` times the pace it was
/// recorded at. Pausing stops its clock; a step while paused plays the next event alone. At the end
/// the last picture stays.
public final class ReplaySource: SnapshotSource {
    private struct Playback {
        var server = ReplayServer()
        var stats: StatsAggregator
        /// The next event to play.
        var next = 0
        /// Where the recording's clock stands, and the moment (monotonic) it stood there.
        var position: UInt64
        var positionSetAt: UInt64
        var paused = false
    }

    private let recording: Recording
    private let name: String
    private let speed: Double
    private let playback: Mutex<Playback>
    public let startsPaused: Bool

    /// - Parameter paused: start paused before the first event, to step through from the start.
    public init(recording: Recording, name: String, speed: Double, paused: Bool = false, now: UInt64 = MonotonicClock.now()) {
        self.recording = recording
        self.name = name
        self.speed = speed
        startsPaused = paused
        let server = ReplayServer()
        let stats = StatsAggregator(counters: server.counters, table: server.table, bus: server.bus, startedAt: recording.start)
        playback = Mutex(Playback(server: server, stats: stats, position: recording.start, positionSetAt: now, paused: paused))
    }

    public func snapshot(now: UInt64) -> StatsSnapshot {
        playback.withLock { playback in
            // Paused, nothing plays: a step may have stopped between events of one millisecond.
            if !playback.paused {
                let elapsed = Double(now &- playback.positionSetAt) * speed
                playback.position = min(recording.end, playback.position + UInt64(min(elapsed, 1e18)))
                playback.positionSetAt = now
                play(&playback, through: playback.position)
            }
            var snapshot = playback.stats.snapshot(now: playback.position)
            snapshot.identity = identity(at: playback.position, finished: playback.next == recording.events.count)
            return snapshot
        }
    }

    public func reset() { playback.withLock { $0.stats.reset() } }

    public func setPaused(_ paused: Bool, now: UInt64) {
        playback.withLock { playback in
            playback.paused = paused
            playback.positionSetAt = now
        }
    }

    public func step(now: UInt64) -> Bool {
        playback.withLock { playback in
            guard playback.next < recording.events.count else { return false }
            let event = recording.events[playback.next]
            playback.position = max(playback.position, event.timestamp)
            playback.positionSetAt = now
            playback.server.apply(event)
            playback.stats.consume([event])
            playback.next += 1
            return true
        }
    }

    /// Plays the events up to `position`, in one batch for the aggregator.
    private func play(_ playback: inout Playback, through position: UInt64) {
        var batch: [ServerEvent] = []
        while playback.next < recording.events.count, recording.events[playback.next].timestamp <= position {
            let event = recording.events[playback.next]
            playback.server.apply(event)
            batch.append(event)
            playback.next += 1
        }
        if !batch.isEmpty { playback.stats.consume(batch) }
    }

    /// The header's first line: `replay demo.jsonl 00:12 of 01:30 ×2`, and `ended` once it has.
    private func identity(at position: UInt64, finished: Bool) -> ServerIdentity {
        let clock = { (nanoseconds: UInt64) -> String in
            let seconds = nanoseconds / 1_000_000_000
            return (seconds / 60 < 10 ? "0" : "") + "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
        }
        let speedText = speed == speed.rounded() ? "\(Int(speed))" : "\(speed)"
        let place = "\(clock(position - recording.start)) of \(clock(recording.end - recording.start))"
        return ServerIdentity(address: "replay \(name) \(place) ×\(speedText)\(finished ? " ended" : "")", model: "", workers: 0)
    }
}
