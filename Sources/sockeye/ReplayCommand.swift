import ArgumentParser
import SockeyeEvents
import SockeyeRemote

/// `sockeye replay FILE [--speed X]`: a `--record` file played into the dashboard.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play a recording made with --record FILE into the dashboard.",
        discussion: """
            The events play at the pace they were recorded at, times --speed. p (or space) pauses and \
            resumes the recording's clock; n pauses and plays one event at a time; the other keys are the \
            dashboard's. At the end the last picture stays until q. Events recorded in the same millisecond             play together; with --paused, n takes them one at a time from the very first.
            """)

    @Argument(help: "A file written by sockeye --record (JSON lines).")
    var file: String

    @Option(help: "Playback speed: 2 plays twice as fast, 0.5 at half speed (0.01 to 1000).")
    var speed = 1.0

    @Flag(help: "Start paused before the first event: n steps through from the start, p plays.")
    var paused = false

    func validate() throws {
        guard speed.isFinite, (0.01...1000).contains(speed) else { throw ValidationError("--speed must be between 0.01 and 1000") }
    }

    func run() throws {
        let recording: Recording
        do { recording = try Recording(path: file) } catch {
            FileHandleOutput.standardError("sockeye replay: \(error)")
            throw ExitCode(1)
        }
        if recording.skippedLines > 0 {
            FileHandleOutput.standardError("sockeye replay: skipped \(recording.skippedLines) lines that are not recorded events")
        }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let source = ReplaySource(recording: recording, name: name, speed: speed, paused: paused)
        try DashboardSession.run("replay", source: source, info: ServerIdentity(address: "replay \(name)", model: "", workers: 0))
    }
}
