import HPACK
import Testing

/// Random header lists encoded by Python's `hpack` and decoded by ours, and the other way round, with
/// one encoder and one decoder per side living across all blocks (so dynamic tables, eviction and
/// table size updates are exercised). Skipped where `python3 -c 'import hpack'` fails: run with
/// `HPACK_PYTHON=/path/to/venv/bin/python` to choose an interpreter that has it.
@Suite(.enabled(if: PythonHPACK.isAvailable, "needs a Python with the hpack package (pip install hpack; HPACK_PYTHON selects the interpreter)"))
struct PythonCrossCheckTests {
    /// Reads lines `D hex-block`, `E fields`, `S table-size`; answers each D and E with `R ` and the
    /// fields it decoded or the block it encoded. A field is `name-hex:value-hex`.
    static let script = """
        import sys, hpack
        encoder, decoder = hpack.Encoder(), hpack.Decoder()
        answers = []
        for line in sys.stdin.read().splitlines():
            kind, _, rest = line.partition(' ')
            if kind == 'E':
                fields = [tuple(bytes.fromhex(part) for part in f.split(':')) for f in rest.split()]
                answers.append(encoder.encode(fields, huffman=True).hex())
            elif kind == 'D':
                fields = decoder.decode(bytes.fromhex(rest), raw=True)
                answers.append(' '.join(n.hex() + ':' + v.hex() for n, v in fields))
            elif kind == 'S':
                encoder.header_table_size = int(rest)
        print(''.join('R ' + answer + '\\n' for answer in answers), end='')
        """

    enum Step {
        case fields([HPACKField])
        case tableSize(Int)
    }

    static func randomSteps() -> [Step] {
        var random = SplitMix64(state: 9113)
        let names = [":status", ":path", "content-type", "cache-control", "date", "etag", "x-trace", "x-tile", "set-cookie",
                     "authorization", "cookie", "vary"]
        var steps: [Step] = []
        for index in 0..<300 {
            if index == 100 { steps.append(.tableSize(256)) }
            if index == 200 { steps.append(.tableSize(4096)) }
            let list = (0..<Int.random(in: 0...10, using: &random)).map { _ in
                let name = Bool.random(using: &random)
                    ? names.randomElement(using: &random)!
                    : "x-" + String((0..<Int.random(in: 1...8, using: &random)).map { _ in "abcdefgh".randomElement(using: &random)! })
                // Few distinct values, so that many repeat and are found in the tables.
                let valueLength = [0, 1, 5, 30, 120].randomElement(using: &random)!
                let seed = UInt8.random(in: 0...3, using: &random)
                let value = (0..<valueLength).map { position in
                    seed == 3 ? UInt8.random(in: 0...255, using: &random) : UInt8(truncatingIfNeeded: 0x61 + (position + Int(seed)) % 26)
                }
                return HPACKField(name: Array(name.utf8), value: value)
            }
            steps.append(.fields(list))
        }
        return steps
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] })
    }

    static func parseFields(_ text: Substring) -> [HPACKField] {
        text.split(separator: " ").map { part in
            let halves = part.split(separator: ":", omittingEmptySubsequences: false)
            return HPACKField(name: bytes(String(halves[0])), value: bytes(String(halves[1])))
        }
    }

    @Test func pythonDecodesOursAndWeDecodePythons() throws {
        let steps = Self.randomSteps()
        var encoder = HPACKEncoder()
        var input = ""
        var expected: [[HPACKField]] = []
        for step in steps {
            switch step {
            case .tableSize(let size):
                encoder.setMaxTableSize(size)
                input += "S \(size)\n"
            case .fields(let list):
                var block: [UInt8] = []
                encoder.encode(list, into: &block)
                let fields = list.map { Self.hex($0.name) + ":" + Self.hex($0.value) }.joined(separator: " ")
                input += "D \(Self.hex(block))\nE \(fields)\n"
                expected.append(list)
            }
        }
        // Two answers per list: Python's decoding of our block, then Python's block.
        let answers = try PythonHPACK.run(Self.script, input: input).split(separator: "\n").map { $0.dropFirst(2) }
        try #require(answers.count == 2 * expected.count)
        var decoder = HPACKDecoder()
        for (index, list) in expected.enumerated() {
            #expect(Self.parseFields(answers[2 * index]) == list)
            #expect(try decoder.decode(bytes(String(answers[2 * index + 1]))) == list)
        }
    }
}
