import ConformJSON
import Testing

@Suite struct JSONValueCodingTests {
    struct Inner: Codable, Equatable {
        var name: String
        var weight: Double
    }

    struct Outer: Codable, Equatable {
        var count: Int
        var label: String?
        var inner: Inner
        var items: [Inner]
        var raw: JSON
        var maybeRaw: JSON?
        var flags: [String: Bool]
    }

    static let sample = Outer(
        count: 3, label: nil, inner: Inner(name: "a", weight: 1.5), items: [Inner(name: "b", weight: 2)],
        raw: ["z": 1, "a": [true, .null]], maybeRaw: .null, flags: ["on": true])

    @Test("Members come out in declaration order, integers as integers, nil optionals left out, JSON as it is")
    func encodes() throws {
        let json = try JSONValueEncoder().encode(Self.sample)
        #expect(json.objectValue?.keys == ["count", "inner", "items", "raw", "maybeRaw", "flags"])
        #expect(json["count"] == .integer(3))
        #expect(json["inner"]?["weight"] == .number(1.5))
        #expect(json["items"]?[0]?["weight"] == .number(2))
        #expect(json["raw"]?.objectValue?.keys == ["z", "a"])
        #expect(json["maybeRaw"] == .null)
    }

    @Test("Decoding reads back what encoding wrote")
    func roundTrip() throws {
        let json = try JSONValueEncoder().encode(Self.sample)
        #expect(try JSONValueDecoder().decode(Outer.self, from: json) == Self.sample)
    }

    @Test("A wrong member is named by its pointer", arguments: [
        (#"{"count":"3","inner":{"name":"a","weight":1},"items":[],"raw":1,"flags":{}}"#, "/count"),
        (#"{"count":3,"inner":{"name":"a"},"items":[],"raw":1,"flags":{}}"#, "/inner/weight"),
        (#"{"count":3,"inner":{"name":"a","weight":1},"items":[{"name":5,"weight":1}],"raw":1,"flags":{}}"#, "/items/0/name"),
        (#"{"count":3.5,"inner":{"name":"a","weight":1},"items":[],"raw":1,"flags":{}}"#, "/count"),
        (#"{"count":3,"inner":{"name":"a","weight":1},"items":[],"raw":1,"flags":{"on":"yes"}}"#, "/flags/on"),
    ])
    func errorsNamePointers(_ text: String, _ pointer: String) throws {
        let json = try JSONParser().parse(Array(text.utf8))
        #expect {
            try JSONValueDecoder().decode(Outer.self, from: json)
        } throws: { error in
            (error as? JSONDecodingError)?.pointer.description == pointer
        }
    }

    @Test("An integral real decodes as an integer; a fraction or an overflow does not")
    func integers() throws {
        #expect(try JSONValueDecoder().decode(Int.self, from: .number(4)) == 4)
        #expect(throws: JSONDecodingError.self) { try JSONValueDecoder().decode(Int.self, from: .number(4.5)) }
        #expect(throws: JSONDecodingError.self) { try JSONValueDecoder().decode(UInt8.self, from: .integer(300)) }
    }
}

@Suite struct StrictDecodingTests {
    struct Item: Decodable { var name: String; var extra: JSON? }
    struct Holder: Decodable { var items: [Item]; var tags: [String: Int] }

    @Test("An unknown member is named by its pointer; members of JSON values and dictionaries are data, not members")
    func unknownMembers() throws {
        let strict = JSONValueDecoder(rejectsUnknownMembers: true)
        let good = try JSONParser().parse(Array(#"{"items":[{"name":"a","extra":{"anything":1}}],"tags":{"x":1}}"#.utf8))
        _ = try strict.decode(Holder.self, from: good)
        let bad = try JSONParser().parse(Array(#"{"items":[{"name":"a"},{"name":"b","nmae":"c"}],"tags":{}}"#.utf8))
        #expect { try strict.decode(Holder.self, from: bad) } throws: { error in
            (error as? JSONDecodingError)?.description == "/items/1/nmae: unknown member"
        }
        _ = try JSONValueDecoder().decode(Holder.self, from: bad)
    }
}
