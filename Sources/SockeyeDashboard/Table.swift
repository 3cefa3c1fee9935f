/// A pane's columns fitted to its width. The least useful columns are dropped until the rest fit
/// with at least one space between neighbours; then text columns give up width, the least useful
/// first, and the growing column takes what is left. Text is cut with `…`; a number never is — its
/// column is as wide as its widest value, or dropped.
struct Table {
    struct Column {
        var title: String
        var isNumber: Bool
        var width: Int
        var minimumWidth: Int
        /// Higher is more useful: kept longer when the pane is narrow.
        var priority: Int
        var grows: Bool

        /// Right-aligned, `widest` the widest value it will hold.
        static func number(_ title: String, widest: Int, priority: Int) -> Column {
            let width = max(title.count, widest)
            return Column(title: title, isNumber: true, width: width, minimumWidth: width, priority: priority, grows: false)
        }

        /// Left-aligned, `width` wide when there is room, cut with `…` down to `minimum` (never
        /// below its title) when not; a growing column also takes the room the others leave.
        static func text(_ title: String, width: Int, minimum: Int, priority: Int, grows: Bool = false) -> Column {
            let minimum = max(minimum, title.count)
            return Column(title: title, isNumber: false, width: max(width, minimum), minimumWidth: minimum, priority: priority, grows: grows)
        }
    }

    struct Cell {
        var text: String
        /// The row's style when nil.
        var style: CellStyle?

        init(_ text: String, style: CellStyle? = nil) {
            self.text = text
            self.style = style
        }
    }

    private let columns: [Column]
    /// Each column's x and width; nil for a dropped column.
    private let placement: [(x: Int, width: Int)?]

    /// Columns placed from `x` within `width` columns.
    init(_ columns: [Column], x: Int = 1, width: Int) {
        self.columns = columns
        let kept = PriorityFit.kept(widths: columns.map(\.minimumWidth), priorities: columns.map(\.priority), gap: 1, width: width)
        var widths = columns.indices.map { kept[$0] ? columns[$0].width : 0 }
        let gaps = max(0, kept.filter { $0 }.count - 1)
        var room = width - gaps - widths.reduce(0, +)
        for index in columns.indices.sorted(by: { columns[$0].priority < columns[$1].priority }) where kept[index] && room < 0 {
            let given = min(-room, widths[index] - columns[index].minimumWidth)
            widths[index] -= given
            room += given
        }
        if room > 0, let growing = columns.indices.first(where: { kept[$0] && columns[$0].grows }) {
            widths[growing] += room
        }
        var next = x
        placement = columns.indices.map { index in
            guard kept[index] else { return nil }
            defer { next += widths[index] + 1 }
            return (next, widths[index])
        }
    }

    /// The width column `index` was given; nil when it was dropped.
    func width(of index: Int) -> Int? { placement[index]?.width }

    /// Where column `index` starts; nil when it was dropped.
    func x(of index: Int) -> Int? { placement[index]?.x }

    /// The column titles, aligned as their values are.
    var heading: String {
        var line = ""
        for (column, place) in zip(columns, placement) {
            guard let place else { continue }
            line += String(repeating: " ", count: place.x - line.count) + Self.fit(column.title, place.width, right: column.isNumber)
        }
        return line
    }

    /// One row's spans; `cells` has one entry per column, dropped ones included.
    func row(_ cells: [Cell], style: CellStyle = .normal) -> [PaneContent.Span] {
        columns.indices.compactMap { index in
            guard let place = placement[index] else { return nil }
            let text = Self.fit(cells[index].text, place.width, right: columns[index].isNumber)
            return PaneContent.Span(x: place.x, text: text, style: cells[index].style ?? style)
        }
    }

    private static func fit(_ text: String, _ width: Int, right: Bool) -> String {
        let shown = Format.truncated(text, to: width)
        let padding = String(repeating: " ", count: width - shown.count)
        return right ? padding + shown : shown + padding
    }
}
