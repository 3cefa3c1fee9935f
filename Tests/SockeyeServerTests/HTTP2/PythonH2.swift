import Foundation

/// A Python with the `h2` package (which brings `hyperframe` and `hpack`), in a venv the tests
/// create once under `.build/`; nil, with the reason, where it cannot be made (no network for PyPI).
enum PythonH2 {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("h2_cases.py").path

    /// The interpreter, made on first use (thread-safe: a static let).
    static let interpreter: String? = {
        let venv = packageRoot.appendingPathComponent(".build/test-venv-h2").path
        let python = venv + "/bin/python"
        if let check = try? Command.run(python, ["-c", "import h2"]), check.status == 0 { return python }
        guard (try? Command.run("python3", ["-m", "venv", venv]))?.status == 0,
              (try? Command.run(python, ["-m", "pip", "install", "--quiet", "h2"], timeout: 180))?.status == 0
        else { return nil }
        return python
    }()

    /// Runs crafted cases against `port`: `name → result` as the script prints them.
    static func run(port: Int, cases: [String]) throws -> [String: String] {
        let result = try Command.run(interpreter!, [script, String(port)] + cases, timeout: 90)
        var outcomes: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            outcomes[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return outcomes
    }
}
