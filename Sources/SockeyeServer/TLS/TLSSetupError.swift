/// Why HTTPS could not be set up, as one line that names the file at fault.
public struct TLSSetupError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) { self.description = description }
}
