import HTTPCore
import Testing

@Suite("ByteWriter")
struct ByteWriterTests {
    private static func decimal(_ value: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var writer = ByteWriter(buffer)
            writer.write(UInt8(ascii: "<"))
            writer.writeDecimal(value)
            writer.write(UInt8(ascii: ">"))
            return String(decoding: writer.written, as: UTF8.self)
        }
    }

    @Test("writeDecimal writes every digit count, at the edges of each, as String(describing:) does")
    func decimals() {
        var values = [0, 1, 9, Int.max]
        var power = 10
        while power <= Int.max / 10 {
            values += [power - 1, power, power + 1]
            power *= 10
        }
        values += [power - 1, power, 200, 404, 143, 65_536]
        for value in values {
            #expect(Self.decimal(value) == "<\(value)>")
        }
    }

    @Test("a run of every length from 0 to 40 bytes is written exactly, after what is there and before what follows")
    func runsOfEveryLength() {
        let source = (0..<40).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        for length in 0...40 {
            let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
                buffer.initialize(repeating: UInt8(ascii: "#"))
                var writer = ByteWriter(buffer)
                writer.write(UInt8(ascii: "<"))
                source.withUnsafeBufferPointer { writer.write(UnsafeBufferPointer(rebasing: $0[..<length])) }
                writer.write(UInt8(ascii: ">"))
                return Array(buffer[..<(length + 3)])
            }
            #expect(written == [UInt8(ascii: "<")] + source[..<length] + [UInt8(ascii: ">"), UInt8(ascii: "#")],
                    "length \(length)")
        }
    }
}
