/// What a line too narrow for everything keeps: the most useful items first (on a tie, the
/// leftmost), each one only if it still fits beside those already kept. Items are kept or left out
/// whole, never cut.
enum PriorityFit {
    /// Which of the items (given by width and priority, higher is more useful) to keep on a line
    /// `width` wide with `gap` columns between neighbours.
    static func kept(widths: [Int], priorities: [Int], gap: Int, width: Int) -> [Bool] {
        var kept = Array(repeating: false, count: widths.count)
        var used = 0
        var count = 0
        for index in widths.indices.sorted(by: { (priorities[$0], $1) > (priorities[$1], $0) }) {
            let needed = widths[index] + (count == 0 ? 0 : gap)
            guard used + needed <= width else { continue }
            kept[index] = true
            used += needed
            count += 1
        }
        return kept
    }
}
