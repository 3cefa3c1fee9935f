@testable import HPACK
import Testing

/// RFC 7541 Appendix C.2 to C.6: each block decoded, with the header list and the dynamic table
/// (newest first) and its size that the appendix gives after it.
@Suite struct ExampleTests {
    struct Step {
        let block: String
        let fields: [HPACKField]
        let table: [HPACKField]
        let tableSize: Int
    }

    func decode(_ steps: [Step], maxTableSize: Int = 4096) throws {
        var decoder = HPACKDecoder(maxTableSize: maxTableSize)
        for step in steps {
            #expect(try decoder.decode(bytes(step.block)) == step.fields)
            #expect(decoder.dynamicEntries == step.table)
            #expect(decoder.dynamicSize == step.tableSize)
        }
    }

    @Test func c21LiteralWithIndexing() throws {
        try decode([Step(block: "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572",
                         fields: [field("custom-key", "custom-header")], table: [field("custom-key", "custom-header")], tableSize: 55)])
    }

    @Test func c22LiteralWithoutIndexing() throws {
        try decode([Step(block: "040c 2f73 616d 706c 652f 7061 7468", fields: [field(":path", "/sample/path")], table: [], tableSize: 0)])
    }

    @Test func c23LiteralNeverIndexed() throws {
        try decode([Step(block: "1008 7061 7373 776f 7264 0673 6563 7265 74", fields: [field("password", "secret")], table: [], tableSize: 0)])
    }

    @Test func c24Indexed() throws {
        try decode([Step(block: "82", fields: [field(":method", "GET")], table: [], tableSize: 0)])
    }

    static let request1 = [field(":method", "GET"), field(":scheme", "http"), field(":path", "/"), field(":authority", "www.example.com")]
    static let request2 = request1 + [field("cache-control", "no-cache")]
    static let request3 = [field(":method", "GET"), field(":scheme", "https"), field(":path", "/index.html"),
                           field(":authority", "www.example.com"), field("custom-key", "custom-value")]
    static let requestTable1 = [field(":authority", "www.example.com")]
    static let requestTable2 = [field("cache-control", "no-cache")] + requestTable1
    static let requestTable3 = [field("custom-key", "custom-value")] + requestTable2

    @Test func c3RequestsWithoutHuffman() throws {
        try decode([
            Step(block: "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d", fields: Self.request1, table: Self.requestTable1, tableSize: 57),
            Step(block: "8286 84be 5808 6e6f 2d63 6163 6865", fields: Self.request2, table: Self.requestTable2, tableSize: 110),
            Step(block: "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
                 fields: Self.request3, table: Self.requestTable3, tableSize: 164),
        ])
    }

    @Test func c4RequestsWithHuffman() throws {
        try decode([
            Step(block: "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff", fields: Self.request1, table: Self.requestTable1, tableSize: 57),
            Step(block: "8286 84be 5886 a8eb 1064 9cbf", fields: Self.request2, table: Self.requestTable2, tableSize: 110),
            Step(block: "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf",
                 fields: Self.request3, table: Self.requestTable3, tableSize: 164),
        ])
    }

    static let date1 = field("date", "Mon, 21 Oct 2013 20:13:21 GMT")
    static let date2 = field("date", "Mon, 21 Oct 2013 20:13:22 GMT")
    static let location = field("location", "https://www.example.com")
    static let cookie = field("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1")
    static let response1 = [field(":status", "302"), field("cache-control", "private"), date1, location]
    static let response2 = [field(":status", "307"), field("cache-control", "private"), date1, location]
    static let response3 = [field(":status", "200"), field("cache-control", "private"), date2, location,
                            field("content-encoding", "gzip"), cookie]
    static let responseTable1 = [location, date1, field("cache-control", "private"), field(":status", "302")]
    // ":status: 302" is evicted to make room for ":status: 307" (C.5.2).
    static let responseTable2 = [field(":status", "307"), location, date1, field("cache-control", "private")]
    static let responseTable3 = [cookie, field("content-encoding", "gzip"), date2]

    @Test func c5ResponsesWithoutHuffman() throws {
        try decode([
            Step(block: """
                4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133
                2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d
                """, fields: Self.response1, table: Self.responseTable1, tableSize: 222),
            Step(block: "4803 3330 37c1 c0bf", fields: Self.response2, table: Self.responseTable2, tableSize: 222),
            Step(block: """
                88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d
                54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049
                5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31
                """, fields: Self.response3, table: Self.responseTable3, tableSize: 215),
        ], maxTableSize: 256)
    }

    @Test func c6ResponsesWithHuffman() throws {
        try decode([
            Step(block: """
                4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6
                2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3
                """, fields: Self.response1, table: Self.responseTable1, tableSize: 222),
            Step(block: "4883 640e ffc1 c0bf", fields: Self.response2, table: Self.responseTable2, tableSize: 222),
            Step(block: """
                88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab
                77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f
                9587 3160 65c0 03ed 4ee5 b106 3d50 07
                """, fields: Self.response3, table: Self.responseTable3, tableSize: 215),
        ], maxTableSize: 256)
    }
}
