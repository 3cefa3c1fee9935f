/// Where a view's statistics come from: the in-process aggregator, an admin endpoint polled over
/// HTTP (`sockeye top`), or a recording played back (`sockeye replay`). The view asks for a snapshot
/// each frame and never reaches past this.
public protocol SnapshotSource: Sendable {
    /// What the source shows at monotonic time `now`.
    func snapshot(now: UInt64) -> StatsSnapshot
    /// `r`: restarts history and rates.
    func reset()
    /// The view was paused or resumed: a recording stops its clock while paused.
    func setPaused(_ paused: Bool, now: UInt64)
    /// A step while paused: a recording moves on to its next event. False where there is nothing to step.
    func step(now: UInt64) -> Bool
    /// The view opens paused (a replay started with `--paused`).
    var startsPaused: Bool { get }
}

extension SnapshotSource {
    public var startsPaused: Bool { false }
    public func setPaused(_ paused: Bool, now: UInt64) {}
    public func step(now: UInt64) -> Bool { false }
}

extension StatsAggregator: SnapshotSource {}
