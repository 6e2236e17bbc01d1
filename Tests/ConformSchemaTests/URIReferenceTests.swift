import Testing

@testable import ConformSchema

@Suite struct URIReferenceTests {
    /// RFC 3986 section 5.4: normal and abnormal examples against `http://a/b/c/d;p?q`.
    @Test(arguments: [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), (";x", "http://a/b/c/;x"),
        ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
        ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../g", "http://a/g"), ("../../../g", "http://a/g"),
        ("/./g", "http://a/g"), ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), ("..g", "http://a/b/c/..g"),
        ("./../g", "http://a/b/g"), ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"),
    ])
    func resolvesAsRFC3986Says(_ reference: String, _ expected: String) {
        let base = URIReference(parsing: "http://a/b/c/d;p?q")
        #expect(URIReference(parsing: reference).resolved(against: base).text == expected)
    }

    @Test func fragmentOnlyReferencesKeepURNs() {
        let base = URIReference(parsing: "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed")
        #expect(
            URIReference(parsing: "#/$defs/a").resolved(against: base).text
                == "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed#/$defs/a")
    }

    @Test func anEmptyBaseLeavesReferencesRelative() {
        #expect(URIReference(parsing: "#foo").resolved(against: URIReference(parsing: "")).text == "#foo")
        #expect(URIReference(parsing: "a/./b.json").resolved(against: URIReference(parsing: "")).text == "a/b.json")
    }

    @Test func percentEscapesDecodeAsUTF8() {
        #expect(URIReference.percentDecoded("foo%22bar%C3%A9%2") == "foo\"baré%2")
    }
}
