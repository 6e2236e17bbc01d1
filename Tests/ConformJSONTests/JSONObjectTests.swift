import ConformJSON
import Testing

@Suite struct JSONObjectTests {
    /// Sizes on both sides of the point where objects start keeping a hash index.
    static let sizes = [0, 1, 5, 12, 13, 40]

    static func numbered(_ count: Int) -> JSONObject {
        JSONObject((0..<count).map { ("key\($0)", JSON.integer(Int64($0))) })
    }

    @Test(arguments: sizes)
    func keepsWrittenOrderAndFindsEveryMember(count: Int) {
        let object = Self.numbered(count)
        #expect(object.count == count)
        #expect(object.keys == (0..<count).map { "key\($0)" })
        #expect(object.values == (0..<count).map { JSON.integer(Int64($0)) })
        for index in 0..<count { #expect(object["key\(index)"] == .integer(Int64(index))) }
        #expect(object["key\(count)"] == nil)
        #expect(!object.contains(key: "absent"))
        #expect(Array(object.map(\.key)) == object.keys)
    }

    @Test(arguments: sizes)
    func replacingKeepsThePositionAndRemovingClosesTheGap(count: Int) {
        var object = Self.numbered(count)
        guard count > 2 else { return }
        object["key1"] = "replaced"
        #expect(object.keys[1] == "key1")
        #expect(object["key1"] == "replaced")
        object["key0"] = nil
        #expect(object.count == count - 1)
        #expect(object["key0"] == nil)
        #expect(object.keys.first == "key1")
        #expect(object["key\(count - 1)"] == .integer(Int64(count - 1)))
        object["key0"] = true
        #expect(object.keys.last == "key0")
        #expect(object["key0"] == true)
        object["never there"] = nil
        #expect(object.count == count)
    }

    @Test func aRepeatedKeyKeepsItsFirstPositionAndLastValue() {
        let object = JSONObject([("a", 1), ("b", 2), ("a", 3)])
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
    }

    @Test(arguments: sizes)
    func equalityAndHashIgnoreOrder(count: Int) {
        let forward = Self.numbered(count)
        let backward = JSONObject(forward.reversed().map { ($0.key, $0.value) })
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        var changed = backward
        changed["key0"] = "other"
        #expect(count == 0 || changed != forward)
        var longer = forward
        longer["extra"] = nil
        longer["extra"] = 1
        #expect(longer != forward)
    }

    @Test func objectsOfEverySizeSurviveParsing() throws {
        for count in Self.sizes {
            let members = (0..<count).map { #""key\#($0)":\#($0)"# }.joined(separator: ",")
            let parsed = try JSON(parsing: "{\(members)}")
            #expect(parsed == .object(Self.numbered(count)))
            #expect(parsed.objectValue?.keys == Self.numbered(count).keys)
            #expect(parsed["key\(max(count - 1, 0))"] == (count == 0 ? nil : .integer(Int64(count - 1))))
        }
    }

    @Test func assigningThroughAValueLeavesCopiesAlone() {
        let original: JSON = ["model": "a", "n": 1]
        var edited = original
        edited["model"] = "b"
        #expect(original["model"] == "a")
        #expect(edited["model"] == "b")
        #expect(edited.objectValue?.keys == ["model", "n"])
    }
}
