import ArgumentParser

@main
struct SockeyeCommand: ParsableCommand {
    static let version = "0.2.0"

    static let configuration = CommandConfiguration(
        commandName: "sockeye",
        abstract: "An HTTP/1.1 server on raw sockets that lets you watch HTTP happen.",
        usage: """
            sockeye [serve] [<options>] [DIR]
            sockeye demo <subcommand> [<options>]
            """,
        version: version,
        subcommands: [ServeCommand.self, DemoCommand.self]
    )

    /// Serving is the default: `sockeye` takes the server's flags itself, which also puts them in `sockeye --help`.
    @OptionGroup var options: ServeOptions

    func run() throws { try options.serve() }
}
