import ConformJSON
import Testing

@Suite struct JSONSerializerTests {
    @Test func compactKeepsOrderAndCanonicalSorts() throws {
        let value = try JSON(parsing: #"{ "b": 1, "a": [true, null], "é": "x", "A": {} }"#)
        #expect(value.serializedString() == #"{"b":1,"a":[true,null],"é":"x","A":{}}"#)
        #expect(value.serializedString(.canonical) == #"{"A":{},"a":[true,null],"b":1,"é":"x"}"#)
    }

    @Test func canonicalIsIndependentOfInputOrder() throws {
        let first = try JSON(parsing: #"{"x":{"q":1,"p":2},"y":3}"#)
        let second = try JSON(parsing: #"{"y":3,"x":{"p":2,"q":1}}"#)
        #expect(first.serialized(.canonical) == second.serialized(.canonical))
        #expect(first == second)
    }

    @Test func prettyIndentsWithTwoSpaces() {
        let value: JSON = ["b": [1, 2], "a": [:]]
        #expect(value.serializedString(.pretty) == "{\n  \"a\": {},\n  \"b\": [\n    1,\n    2\n  ]\n}")
    }

    @Test func escapesOnlyWhatJSONRequires() {
        let value = JSON.string("q\"b\\s/\n\r\t\u{8}\u{C}\u{1}é☃")
        #expect(value.serializedString() == #""q\"b\\s/\n\r\t\b\f\u0001é☃""#)
    }

    @Test func escapesAtEveryPositionOfAString() {
        #expect(JSON.string("").serializedString() == #""""#)
        #expect(JSON.string("\u{1}").serializedString() == #""\u0001""#)
        #expect(JSON.string("\"start").serializedString() == #""\"start""#)
        #expect(JSON.string("end\\").serializedString() == #""end\\""#)
        #expect(JSON.string("a\n\nb\u{1F}c").serializedString() == #""a\n\nb\u001fc""#)
        let long = String(repeating: "panda ", count: 50)
        #expect(JSON.string(long + "\t" + long).serializedString() == "\"" + long + "\\t" + long + "\"")
    }

    @Test func integersAreWrittenInDecimal() {
        for number: Int64 in [0, 7, -1, 10, -10, 1_767_225_600, .max, .min] {
            #expect(JSON.integer(number).serializedString() == String(number))
        }
        let nested: JSON = ["usage": ["prompt_tokens": 63, "total_tokens": 63], "index": [0, -2]]
        #expect(nested.serializedString() == #"{"usage":{"prompt_tokens":63,"total_tokens":63},"index":[0,-2]}"#)
    }

    @Test func realsUseShortestRoundTripText() {
        #expect(JSON.number(1.951932668685913).serializedString() == "1.951932668685913")
        #expect(JSON.number(0.1).serializedString() == "0.1")
        #expect(JSON.number(1.0).serializedString() == "1.0")
        #expect(JSON.number(1e-5).serializedString() == "1e-05")
        #expect(JSON.number(-3.7347371578216553).serializedString() == "-3.7347371578216553")
        #expect(JSON.number(.nan).serializedString() == "null")
        #expect(JSON.integer(.min).serializedString() == "-9223372036854775808")
    }

    @Test func roundTripsThroughTheParser() throws {
        let text = #"{"model":"m","results":[{"index":2,"relevance_score":1.951932668685913,"document":{"text":"a\u0000b"}}],"big":9223372036854775807,"neg":-0.5}"#
        let value = try JSON(parsing: text)
        #expect(try JSON(parsing: value.serialized()) == value)
        #expect(try JSON(parsing: value.serialized(.pretty)) == value)
    }
}
