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
            sockeye top <admin-url> [<admin-url> ...]
            sockeye replay <file> [--speed <x>]
            """,
        version: version,
        subcommands: [ServeCommand.self, DemoCommand.self, TopCommand.self, ReplayCommand.self],
        // Serving is the default: `sockeye ./site --port 0` is `sockeye serve ./site --port 0`. (A
        // positional DIR on this command itself would take `demo` and `serve` for folder names.)
        defaultSubcommand: ServeCommand.self
    )

    /// `sockeye --help` lists the subcommands and then the flags of the default one, serving.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--help"] || arguments == ["-h"] {
            print(helpMessage() + "\n" + ServeCommand.helpMessage())
            return
        }
        main(arguments)
    }
}
