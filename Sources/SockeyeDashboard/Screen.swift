/// How a cell is drawn. Meaning never rests on colour alone: focus is also marked with `▶`, the
/// selected connection with `▸`, statuses are also printed as numbers, waits also as a different
/// bar glyph.
public enum CellStyle: Sendable, Equatable {
    case normal, bold, dim, title, focusedTitle, header, paused, selected
    case status2xx, status3xx, status4xx, status5xx
    case barTransfer, barWait

    static func forStatus(_ status: Int) -> CellStyle {
        switch status {
        case ..<300: .status2xx
        case ..<400: .status3xx
        case ..<500: .status4xx
        default: .status5xx
        }
    }
}

/// A grid of cells the renderer fills and a backend copies to the terminal. Pure value: layouts
/// are tested by comparing its text with golden files, no terminal needed.
public struct Screen: Sendable, Equatable {
    public let width: Int
    public let height: Int
    private(set) var characters: [Character]
    private(set) var styles: [CellStyle]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        characters = Array(repeating: " ", count: self.width * self.height)
        styles = Array(repeating: .normal, count: self.width * self.height)
    }

    /// Writes `text` at (x, y), clipped to `limit` columns and the screen edge. Every character
    /// used by the views is one column wide; client text arrives escaped to ASCII.
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .normal, limit: Int? = nil) {
        guard y >= 0, y < height, x < width else { return }
        var column = x
        let end = min(width, x + (limit ?? width))
        for character in text {
            if column >= end { break }
            if column >= 0 {
                characters[y * width + column] = character
                styles[y * width + column] = style
            }
            column += 1
        }
    }

    /// Paints a style over a span without changing its characters.
    public mutating func style(x: Int, y: Int, length: Int, _ style: CellStyle) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + length) { styles[y * width + column] = style }
    }

    public func character(x: Int, y: Int) -> Character { characters[y * width + x] }
    public func style(x: Int, y: Int) -> CellStyle { styles[y * width + x] }

    /// One line of text per row, trailing spaces kept, for golden files and tests.
    public var text: String {
        (0..<height).map { row in String(characters[row * width..<(row + 1) * width]) }.joined(separator: "\n")
    }

    /// The cells' text, built as UTF-8 bytes: `String(characters)` appended one `Character` at a
    /// time and was the largest cost of a frame.
    private static func text(_ cells: ArraySlice<Character>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(cells.count)
        for character in cells {
            if let ascii = character.asciiValue { bytes.append(ascii) } else { bytes.append(contentsOf: character.utf8) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether row `y` holds the same cells as in `other` (a screen of the same size).
    func row(_ y: Int, equals other: Screen) -> Bool {
        let cells = y * width..<(y + 1) * width
        return styles[cells] == other.styles[cells] && characters[cells] == other.characters[cells]
    }

    /// Row `y` with runs of equal style, for the terminal backend.
    func runs(row y: Int) -> [(x: Int, text: String, style: CellStyle)] {
        var runs: [(Int, String, CellStyle)] = []
        var start = 0
        while start < width {
            let style = styles[y * width + start]
            var end = start
            while end < width && styles[y * width + end] == style { end += 1 }
            runs.append((start, Self.text(characters[y * width + start..<y * width + end]), style))
            start = end
        }
        return runs
    }
}
