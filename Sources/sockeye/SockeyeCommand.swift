import ArgumentParser

@main
struct SockeyeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sockeye",
        abstract: "An HTTP/1.1 server on raw sockets that lets you watch HTTP happen.",
        subcommands: [ServeCommand.self, DemoCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
