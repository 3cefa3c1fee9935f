/// The Huffman code of `HuffmanTable` as an automaton read four bits at a time (the technique of
/// nghttp2's decoder). A state is an internal node of the code tree, 0 the root; a transition follows a
/// nibble from a state and says where it ends and which symbol it completed, if any. A nibble completes
/// at most one symbol, since no code is shorter than 5 bits.
struct HuffmanDecodingTable: Sendable {
    struct Transition: Sendable {
        var next: UInt8
        var symbol: UInt8
        var emits: Bool
        /// The nibble completes EOS, an error inside a string (RFC 7541 §5.2).
        var fails: Bool
    }

    static let shared = HuffmanDecodingTable()

    /// Transitions, 16 per state: `transitions[state << 4 | nibble]`.
    let transitions: [Transition]
    /// Whether a string may end in each state: after at most 7 bits of a code, all ones (§5.2 padding).
    let accepts: [Bool]

    private init() {
        let tree = CodeTree()
        var transitions: [Transition] = []
        transitions.reserveCapacity(tree.internalNodes * 16)
        for state in 0..<tree.internalNodes {
            for nibble in 0..<16 {
                var node = state
                var transition = Transition(next: 0, symbol: 0, emits: false, fails: false)
                for shift in stride(from: 3, through: 0, by: -1) {
                    switch tree.child(of: node, bit: (nibble >> shift) & 1) {
                    case .node(let child): node = child
                    case .symbol(HuffmanTable.endOfString): transition.fails = true
                    case .symbol(let symbol):
                        transition.symbol = UInt8(symbol)
                        transition.emits = true
                        node = 0
                    }
                }
                transition.next = UInt8(node)
                transitions.append(transition)
            }
        }
        self.transitions = transitions
        accepts = (0..<tree.internalNodes).map { tree.depth[$0] <= 7 && tree.allOnes[$0] }
    }
}

/// The code tree built from the codes: 256 internal nodes for 257 symbols, numbered as they are made.
private struct CodeTree {
    enum Child { case node(Int), symbol(Int) }

    private var children: [[Child?]] = [[nil, nil]]
    private(set) var depth = [0]
    private(set) var allOnes = [true]

    var internalNodes: Int { children.count }

    init() {
        for symbol in 0...HuffmanTable.endOfString {
            let code = Int(HuffmanTable.codes[symbol])
            let length = Int(HuffmanTable.lengths[symbol])
            var node = 0
            for position in stride(from: length - 1, to: 0, by: -1) {
                let bit = (code >> position) & 1
                if case .node(let next) = children[node][bit] {
                    node = next
                    continue
                }
                children.append([nil, nil])
                depth.append(depth[node] + 1)
                allOnes.append(allOnes[node] && bit == 1)
                children[node][bit] = .node(children.count - 1)
                node = children.count - 1
            }
            children[node][code & 1] = .symbol(symbol)
        }
    }

    func child(of node: Int, bit: Int) -> Child {
        // A complete prefix code (Kraft's equality holds for Appendix B): every internal node has both children.
        children[node][bit]!
    }
}
