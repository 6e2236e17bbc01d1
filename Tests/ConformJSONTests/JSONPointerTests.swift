import ConformJSON
import Testing

@Suite struct JSONPointerTests {
    /// The example document of RFC 6901 section 5.
    let document: JSON = [
        "foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8,
    ]

    @Test(arguments: [
        ("/foo/0", JSON.string("bar")), ("/", 0), ("/a~1b", 1), ("/c%d", 2), ("/e^f", 3), ("/g|h", 4),
        ("/i\\j", 5), ("/k\"l", 6), ("/ ", 7), ("/m~0n", 8),
    ])
    func resolvesTheRFCExamples(_ text: String, _ expected: JSON) throws {
        let pointer = try #require(JSONPointer(text))
        #expect(document.value(at: pointer) == expected)
        #expect(pointer.description == text)
    }

    @Test func emptyPointerIsTheWholeDocument() throws {
        #expect(document.value(at: try #require(JSONPointer(""))) == document)
        #expect(JSONPointer.root.description == "")
    }

    @Test func rejectsMalformedPointers() {
        #expect(JSONPointer("foo") == nil)
        #expect(JSONPointer("/a~2") == nil)
        #expect(JSONPointer("/a~") == nil)
    }

    @Test func missingPathsResolveToNil() throws {
        #expect(document.value(at: try #require(JSONPointer("/foo/2"))) == nil)
        #expect(document.value(at: try #require(JSONPointer("/foo/01"))) == nil)
        #expect(document.value(at: try #require(JSONPointer("/foo/-"))) == nil)
        #expect(document.value(at: try #require(JSONPointer("/nope/x"))) == nil)
        #expect(document.value(at: try #require(JSONPointer("/foo/0/x"))) == nil)
    }

    @Test func buildsPointersByAppending() {
        let pointer = JSONPointer.root.appending("results").appending(0).appending("a/b~c")
        #expect(pointer.description == "/results/0/a~1b~0c")
        #expect(pointer.parent?.description == "/results/0")
        #expect(JSONPointer(pointer.description) == pointer)
    }
}

@Suite struct JSONDiffTests {
    @Test func equalDocumentsHaveNoDifferences() throws {
        let a = try JSON(parsing: #"{"a":1,"b":[1,{"c":null}]}"#)
        let b = try JSON(parsing: #"{"b":[1,{"c":null}],"a":1}"#)
        #expect(JSONDiff.differences(expected: a, actual: b).isEmpty)
    }

    @Test func listsEachDifferenceByPointer() throws {
        let expected = try JSON(parsing: #"{"id":"x","results":[{"index":2},{"index":1}],"usage":{"total":3},"gone":true}"#)
        let actual = try JSON(parsing: #"{"id":"x","results":[{"index":1}],"usage":{"total":3.0},"extra":1}"#)
        let differences = JSONDiff.differences(expected: expected, actual: actual)
        let rendered = differences.map(\.description)
        #expect(rendered == [
            "/results/0/index: expected 2, got 1",
            "/results/1: missing, expected {\"index\":1}",
            "/usage/total: expected integer 3, got number 3.0",
            "/gone: missing, expected true",
            "/extra: unexpected 1",
        ])
    }

    @Test func aScalarAgainstAContainerIsATypeMismatch() {
        let differences = JSONDiff.differences(expected: ["a": [1]], actual: ["a": "1"])
        #expect(differences == [JSONDifference(pointer: JSONPointer(tokens: ["a"]), kind: .typeMismatch(expected: [1], actual: "1"))])
    }

    @Test func previewsAreShortened() {
        let long = JSON.string(String(repeating: "x", count: 500))
        #expect(JSONDiff.preview(long).count == 81)
    }
}
