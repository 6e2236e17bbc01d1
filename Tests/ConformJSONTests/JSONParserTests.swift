import ConformJSON
import Testing

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSON(parsing: #"{"n":null,"t":true,"f":false,"i":-12,"r":2.5,"s":"é\n","a":[1,[]],"o":{}}"#)
        #expect(value["n"] == .null)
        #expect(value["t"] == .bool(true))
        #expect(value["f"] == .bool(false))
        #expect(value["i"] == .integer(-12))
        #expect(value["r"] == .number(2.5))
        #expect(value["s"] == .string("é\n"))
        #expect(value["a"] == .array([.integer(1), .array([])]))
        #expect(value["o"] == .object([:]))
    }

    @Test func keepsIntegersAndRealsApart() throws {
        #expect(try JSON(parsing: "1") == .integer(1))
        #expect(try JSON(parsing: "1.0") == .number(1.0))
        #expect(try JSON(parsing: "1e2") == .number(100))
        #expect(try JSON(parsing: "-0") == .integer(0))
        #expect(JSON.integer(1) != JSON.number(1.0))
        #expect(JSON.integer(1).isNumericallyEqual(to: .number(1.0)))
        #expect(JSON.number(1.5).integerValue == nil)
        #expect(JSON.number(3.0).integerValue == 3)
    }

    @Test func keepsMemberOrder() throws {
        let value = try JSON(parsing: #"{"z":1,"a":2,"m":3}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func topLevelScalarsAreAccepted() throws {
        #expect(try JSON(parsing: #""text""#) == .string("text"))
        #expect(try JSON(parsing: " null ") == .null)
    }

    @Test func embeddedNULInStringsSurvives() throws {
        #expect(try JSON(parsing: #""a\u0000b""#) == .string("a\u{0}b"))
    }

    @Test func duplicateKeysAreRejectedWithTheirPosition() {
        let error = #expect(throws: JSONParseError.self) {
            try JSON(parsing: "{\n  \"a\": 1,\n  \"a\": 2\n}")
        }
        #expect(error?.kind == .duplicateKey)
        #expect(error?.line == 3)
        #expect(error?.reason.contains("duplicate") == true)
    }

    @Test func nestedDuplicateKeysAreRejected() {
        let error = #expect(throws: JSONParseError.self) {
            try JSON(parsing: #"[{"ok":1},{"b":{"x":1,"x":1}}]"#)
        }
        #expect(error?.kind == .duplicateKey)
    }

    @Test func nestingBeyondTheLimitIsRejected() throws {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let error = #expect(throws: JSONParseError.self) { try JSON(parsing: deep) }
        #expect(error?.kind == .nestingTooDeep)
        #expect(error?.column == 513)

        let shallow = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        _ = try JSON(parsing: shallow)
        let limited = JSONParser(maximumDepth: 3)
        #expect(throws: JSONParseError.self) { try limited.parse("[[[[1]]]]") }
        #expect(try limited.parse("[[[1]]]") == [[[1]]])
    }

    @Test func bracketsInsideStringsDoNotCountAsNesting() throws {
        let text = "[\"" + String(repeating: "[", count: 1_000) + "\\\"{\"]"
        let value = try JSONParser(maximumDepth: 2).parse(text)
        #expect(value[0]?.stringValue?.count == 1_002)
    }

    @Test func bigNumbersAtTheEdgesOfRange() throws {
        #expect(try JSON(parsing: "9223372036854775807") == .integer(.max))
        #expect(try JSON(parsing: "-9223372036854775808") == .integer(.min))
        #expect(try JSON(parsing: "1.7976931348623157e308") == .number(.greatestFiniteMagnitude))
        for text in ["9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "1e400", "-1e400"] {
            let error = #expect(throws: JSONParseError.self, "\(text)") { try JSON(parsing: text) }
            #expect(error?.kind == .numberOutOfRange, "\(text)")
        }
    }

    @Test func invalidUTF8IsRejected() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x5B, 0xC0, 0xAF, 0x5D]] {
            let error = #expect(throws: JSONParseError.self) { try JSON(parsing: bytes) }
            #expect(error?.kind == .invalidUTF8, "\(bytes)")
        }
    }

    @Test func trailingDataIsRejected() {
        let error = #expect(throws: JSONParseError.self) { try JSON(parsing: #"{"a":1} x"#) }
        #expect(error?.kind == .trailingData)
        #expect(error?.line == 1)
    }

    @Test func emptyInputIsNamedAsSuch() {
        for text in ["", "  \n "] {
            let error = #expect(throws: JSONParseError.self) { try JSON(parsing: text) }
            #expect(error?.kind == .empty)
        }
    }

    /// Documents every one of which a strict parser must refuse, each with a position and a reason.
    static let malformedCorpus: [String] = [
        "{", "}", "[", "]", "[1,]", "[,1]", #"{"a":1,}"#, "{'a':1}", #"{"a" 1}"#, "{1:2}", #"{"a":}"#,
        "NaN", "Infinity", "-Infinity", "[NaN]", #"{"x":Infinity}"#, "01", "1.", ".5", "+1", "1e", "1e+", "-",
        "0x10", "tru", "nul", "fals", "True", "None", #""abc"#, #""\x""#, #""\u12""#, #""\uZZZZ""#,
        "\"tab\there\"", "\"line\nbreak\"", #""\ud800""#, "[1 2]", "[1]]", "{} {}", "[1] [2]",
        "// comment\n{}", "/* c */ {}", "{\"a\":1}\u{0}", "\u{FEFF}{}", #"{"a":[1,2}"#, #"["a"," ]"#, "[\"\\\"]",
        "'single'", #"{"a":undefined}"#, "[1,,2]", #"{"a"::1}"#,
    ]

    @Test(arguments: malformedCorpus)
    func malformedDocumentsFailCleanly(_ text: String) {
        let error = #expect(throws: JSONParseError.self) { try JSON(parsing: text) }
        #expect((error?.line ?? 0) >= 1)
        #expect(error?.reason.isEmpty == false)
        #expect(error?.description.hasPrefix("line ") == true)
    }

    @Test func truncatedDocumentsAreNamedTruncated() {
        let error = #expect(throws: JSONParseError.self) { try JSON(parsing: #"{"a":[1,2"#) }
        #expect(error?.kind == .truncated)
    }

    @Test("accepts(_:) agrees with parse on valid documents, malformed ones, duplicate keys and deep nesting")
    func acceptsAgreesWithParse() {
        let valid = [#"{"a":[1,2.5,"x",null,true]}"#, "[]", "0", #""\u00e9""#, "{\"é\":1}"]
        let refused = Self.malformedCorpus + [#"{"a":1,"a":2}"#, String(repeating: "[", count: 600) + String(repeating: "]", count: 600)]
        for text in valid {
            #expect(Array(text.utf8).withUnsafeBytes { JSONParser().accepts($0) }, "\(text)")
        }
        for text in refused {
            #expect(!Array(text.utf8).withUnsafeBytes { JSONParser().accepts($0) }, "\(text)")
        }
    }
}
