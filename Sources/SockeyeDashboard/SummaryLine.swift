/// Labelled values on one line (a header, a pane title, the key reminder), a separator apart. When
/// the line is too narrow the least useful items are left out whole — a value is never cut — and
/// the kept ones stay in their order.
struct SummaryLine {
    struct Item {
        enum Content {
            case text(String)
            /// Takes from `minimumSparkline` up to `maximumSparkline` columns, as the line has room.
            case sparkline([Int])
        }

        var content: Content
        var priority: Int
        var style: CellStyle

        /// `priority`: higher is more useful, kept longer.
        init(_ text: String, priority: Int, style: CellStyle = .normal) {
            self.init(content: .text(text), priority: priority, style: style)
        }

        private init(content: Content, priority: Int, style: CellStyle) {
            self.content = content
            self.priority = priority
            self.style = style
        }

        static func sparkline(_ values: [Int], priority: Int, style: CellStyle) -> Item {
            Item(content: .sparkline(values), priority: priority, style: style)
        }

        var minimumWidth: Int {
            switch content {
            case .text(let text): text.count
            case .sparkline: SummaryLine.minimumSparkline
            }
        }
    }

    /// An item where it goes: `x` counts from the line's start.
    struct Placed {
        var x: Int
        var text: String
        var style: CellStyle
    }

    static let minimumSparkline = 8
    static let maximumSparkline = 30

    var items: [Item]
    var separator = "  "

    func placed(width: Int) -> [Placed] {
        let kept = PriorityFit.kept(widths: items.map(\.minimumWidth), priorities: items.map(\.priority),
                                    gap: separator.count, width: width)
        let keptWidths = items.indices.filter { kept[$0] }.map { items[$0].minimumWidth }
        var room = width - keptWidths.reduce(0, +) - separator.count * max(0, keptWidths.count - 1)
        var x = 0
        var placed: [Placed] = []
        for (index, item) in items.enumerated() where kept[index] {
            let text: String
            switch item.content {
            case .text(let value):
                text = value
            case .sparkline(let values):
                let extra = min(room, max(0, min(Self.maximumSparkline, values.count) - Self.minimumSparkline))
                room -= extra
                let line = Format.sparkline(values, width: Self.minimumSparkline + extra)
                text = line + String(repeating: " ", count: Self.minimumSparkline + extra - line.count)
            }
            placed.append(Placed(x: x, text: text, style: item.style))
            x += text.count + separator.count
        }
        return placed
    }

    /// The kept items as one string.
    func text(width: Int) -> String {
        placed(width: width).map(\.text).joined(separator: separator)
    }
}
