import ConformJSON
import Testing

@testable import ConformSchema

/// Each keyword fails on an instance that breaks it, with the instance pointer, the keyword, the
/// keyword's location in the schema and a message naming the offending value.
@Suite struct KeywordViolationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var schema: String
        var instance: String
        var pointer: String
        var keyword: String
        var location: String
        var message: String
        /// An instance the same schema accepts, proving the case is not a schema that rejects everything.
        var accepted: String?

        var testDescription: String { "\(keyword): \(instance)" }
    }

    static let cases: [Case] = [
        Case(
            schema: #"{"properties":{"n":{"type":"integer"}}}"#, instance: #"{"n":"12"}"#,
            pointer: "/n", keyword: "type", location: "#/properties/n/type", message: #"expected integer, got string "12""#,
            accepted: #"{"n":12}"#),
        Case(
            schema: #"{"type":["string","null"]}"#, instance: "1.5",
            pointer: "", keyword: "type", location: "#/type", message: "expected null or string, got number 1.5",
            accepted: #"null"#),
        Case(
            schema: #"{"properties":{"object":{"enum":["list"]}}}"#, instance: #"{"object":"lists"}"#,
            pointer: "/object", keyword: "enum", location: "#/properties/object/enum",
            message: #""lists" is not one of ["list"]"#,
            accepted: #"{"object":"list"}"#),
        Case(
            schema: #"{"const":"embedding"}"#, instance: #""embeddings""#,
            pointer: "", keyword: "const", location: "#/const", message: #"expected "embedding", got "embeddings""#,
            accepted: #""embedding""#),
        Case(
            schema: #"{"minimum":0}"#, instance: "-1",
            pointer: "", keyword: "minimum", location: "#/minimum", message: "-1 is less than the minimum 0",
            accepted: #"0"#),
        Case(
            schema: #"{"exclusiveMinimum":0}"#, instance: "0",
            pointer: "", keyword: "exclusiveMinimum", location: "#/exclusiveMinimum",
            message: "0 is not greater than the exclusive minimum 0",
            accepted: #"0.5"#),
        Case(
            schema: #"{"maximum":1}"#, instance: "1.5",
            pointer: "", keyword: "maximum", location: "#/maximum", message: "1.5 is greater than the maximum 1",
            accepted: #"1"#),
        Case(
            schema: #"{"exclusiveMaximum":1.0}"#, instance: "1",
            pointer: "", keyword: "exclusiveMaximum", location: "#/exclusiveMaximum",
            message: "1 is not less than the exclusive maximum 1.0",
            accepted: #"0.5"#),
        Case(
            schema: #"{"multipleOf":0.01}"#, instance: "0.075",
            pointer: "", keyword: "multipleOf", location: "#/multipleOf", message: "0.075 is not a multiple of 0.01",
            accepted: #"0.07"#),
        Case(
            schema: #"{"minLength":3}"#, instance: #""e\u0301""#,
            pointer: "", keyword: "minLength", location: "#/minLength",
            message: "\"e\u{301}\" is 2 characters long, shorter than the minimum length 3",
            accepted: #""abc""#),
        Case(
            schema: #"{"maxLength":2}"#, instance: #""abc""#,
            pointer: "", keyword: "maxLength", location: "#/maxLength",
            message: #""abc" is 3 characters long, longer than the maximum length 2"#,
            accepted: #""ab""#),
        Case(
            schema: #"{"pattern":"^[a-z]+$"}"#, instance: #""abc1""#,
            pointer: "", keyword: "pattern", location: "#/pattern", message: #""abc1" does not match the pattern "^[a-z]+$""#,
            accepted: #""abc""#),
        Case(
            schema: #"{"minItems":2}"#, instance: "[1]",
            pointer: "", keyword: "minItems", location: "#/minItems", message: "the array has 1 item, fewer than the minimum 2",
            accepted: #"[1,2]"#),
        Case(
            schema: #"{"maxItems":1}"#, instance: "[1,2]",
            pointer: "", keyword: "maxItems", location: "#/maxItems", message: "the array has 2 items, more than the maximum 1",
            accepted: #"[1]"#),
        Case(
            schema: #"{"uniqueItems":true}"#, instance: #"[1,{"a":[2]},3,1.0]"#,
            pointer: "", keyword: "uniqueItems", location: "#/uniqueItems",
            message: "items 0 and 3 are equal (1.0), but items must be unique",
            accepted: #"[1,1.5]"#),
        Case(
            schema: #"{"minProperties":2}"#, instance: #"{"a":1}"#,
            pointer: "", keyword: "minProperties", location: "#/minProperties",
            message: "the object has 1 property, fewer than the minimum 2",
            accepted: #"{"a":1,"b":2}"#),
        Case(
            schema: #"{"maxProperties":1}"#, instance: #"{"a":1,"b":2}"#,
            pointer: "", keyword: "maxProperties", location: "#/maxProperties",
            message: "the object has 2 properties, more than the maximum 1",
            accepted: #"{"a":1}"#),
        Case(
            schema: #"{"properties":{"results":{"items":{"required":["index","relevance_score"]}}}}"#,
            instance: #"{"results":[{"relevance_score":0.5}]}"#,
            pointer: "/results/0", keyword: "required", location: "#/properties/results/items/required",
            message: #"required property "index" is missing"#,
            accepted: #"{"results":[{"index":0,"relevance_score":0.5}]}"#),
        Case(
            schema: #"{"dependentRequired":{"a":["b"]}}"#, instance: #"{"a":1}"#,
            pointer: "", keyword: "dependentRequired", location: "#/dependentRequired",
            message: #"property "b" is required when "a" is present"#,
            accepted: #"{"a":1,"b":2}"#),
        Case(
            schema: #"{"dependentSchemas":{"a":{"required":["b"]}}}"#, instance: #"{"a":1}"#,
            pointer: "", keyword: "required", location: "#/dependentSchemas/a/required",
            message: #"required property "b" is missing"#,
            accepted: #"{"a":1,"b":2}"#),
        Case(
            schema: #"{"properties":{"model":{}},"additionalProperties":false}"#, instance: #"{"modle":"x"}"#,
            pointer: "", keyword: "additionalProperties", location: "#/additionalProperties",
            message: #"property "modle" is not allowed; did you mean "model"?"#,
            accepted: #"{"model":"x"}"#),
        Case(
            schema: #"{"properties":{"model":{}},"additionalProperties":false}"#, instance: #"{"temperature":1}"#,
            pointer: "", keyword: "additionalProperties", location: "#/additionalProperties",
            message: #"property "temperature" is not allowed (additionalProperties is false; declared properties: "model")"#,
            accepted: #"{"model":"x"}"#),
        Case(
            schema: #"{"additionalProperties":{"type":"string"}}"#, instance: #"{"a":1}"#,
            pointer: "/a", keyword: "type", location: "#/additionalProperties/type", message: "expected string, got integer 1",
            accepted: #"{"a":"x"}"#),
        Case(
            schema: #"{"properties":{"secret":false}}"#, instance: #"{"secret":1}"#,
            pointer: "", keyword: "properties", location: "#/properties/secret", message: #"property "secret" is not allowed"#,
            accepted: #"{"public":1}"#),
        Case(
            schema: #"{"patternProperties":{"^x-":{"type":"string"}}}"#, instance: #"{"x-a":true}"#,
            pointer: "/x-a", keyword: "type", location: "#/patternProperties/^x-/type",
            message: "expected string, got boolean true",
            accepted: #"{"x-a":"b"}"#),
        Case(
            schema: #"{"propertyNames":{"pattern":"^[a-z]+$"}}"#, instance: #"{"Bad":1}"#,
            pointer: "", keyword: "pattern", location: "#/propertyNames/pattern",
            message: #"property name "Bad": "Bad" does not match the pattern "^[a-z]+$""#,
            accepted: #"{"good":1}"#),
        Case(
            schema: #"{"prefixItems":[{"type":"string"}],"items":false}"#, instance: #"["a",2]"#,
            pointer: "", keyword: "items", location: "#/items",
            message: "the array may have at most 1 item (items is false), but has 2",
            accepted: #"["a"]"#),
        Case(
            schema: #"{"items":{"type":"number"}}"#, instance: #"[0.5,"x"]"#,
            pointer: "/1", keyword: "type", location: "#/items/type", message: #"expected number, got string "x""#,
            accepted: #"[0.5,1]"#),
        Case(
            schema: #"{"prefixItems":[{"const":1}]}"#, instance: "[2]",
            pointer: "/0", keyword: "const", location: "#/prefixItems/0/const", message: "expected 1, got 2",
            accepted: #"[1]"#),
        Case(
            schema: #"{"contains":{"type":"string"}}"#, instance: "[1,2]",
            pointer: "", keyword: "contains", location: "#/contains", message: "no item of the array matches the contains schema",
            accepted: #"[1,"a"]"#),
        Case(
            schema: #"{"contains":{"type":"string"},"minContains":2}"#, instance: #"["a",2]"#,
            pointer: "", keyword: "minContains", location: "#/minContains",
            message: "the contains schema matches 1 item, fewer than the minimum 2",
            accepted: #"["a","b"]"#),
        Case(
            schema: #"{"contains":{"type":"string"},"maxContains":1}"#, instance: #"["a","b"]"#,
            pointer: "", keyword: "maxContains", location: "#/maxContains",
            message: "the contains schema matches 2 items, more than the maximum 1",
            accepted: #"["a",1]"#),
        Case(
            schema: #"{"allOf":[{"type":"object"},{"required":["id"]}]}"#, instance: "{}",
            pointer: "", keyword: "required", location: "#/allOf/1/required", message: #"required property "id" is missing"#,
            accepted: #"{"id":1}"#),
        Case(
            schema: #"{"not":{"type":"null"}}"#, instance: "null",
            pointer: "", keyword: "not", location: "#/not", message: #"null matches the schema under "not", which it must not"#,
            accepted: #"0"#),
        Case(
            schema: #"{"if":{"properties":{"stream":{"const":true}}},"then":{"required":["id"]},"else":{"required":["usage"]}}"#,
            instance: #"{"stream":true}"#,
            pointer: "", keyword: "required", location: "#/then/required", message: #"required property "id" is missing"#,
            accepted: #"{"stream":true,"id":"x"}"#),
        Case(
            schema: #"{"if":{"properties":{"stream":{"const":true}}},"then":{"required":["id"]},"else":{"required":["usage"]}}"#,
            instance: #"{"stream":false}"#,
            pointer: "", keyword: "required", location: "#/else/required", message: #"required property "usage" is missing"#,
            accepted: #"{"stream":false,"usage":{}}"#),
        Case(
            schema: ##"{"$defs":{"id":{"type":"string"}},"properties":{"id":{"$ref":"#/$defs/id"}}}"##, instance: #"{"id":7}"#,
            pointer: "/id", keyword: "type", location: "#/$defs/id/type", message: "expected string, got integer 7",
            accepted: #"{"id":"7"}"#),
        Case(
            schema: #"{"properties":{"a":{}},"unevaluatedProperties":false}"#, instance: #"{"a":1,"b":2}"#,
            pointer: "", keyword: "unevaluatedProperties", location: "#/unevaluatedProperties",
            message: #"property "b" is not allowed (no subschema declares it and unevaluatedProperties is false)"#,
            accepted: #"{"a":1}"#),
        Case(
            schema: #"{"prefixItems":[{}],"unevaluatedItems":false}"#, instance: "[1,2]",
            pointer: "", keyword: "unevaluatedItems", location: "#/unevaluatedItems",
            message: "item 1 is not allowed (no subschema declares it and unevaluatedItems is false)",
            accepted: #"[1]"#),
        Case(
            schema: #"{"properties":{"a":{"items":false}}}"#,
            instance: #"{"a":[1]}"#,
            pointer: "/a", keyword: "items", location: "#/properties/a/items",
            message: "the array must be empty (items is false), but has 1",
            accepted: #"{"a":[]}"#),
        Case(
            schema: "false", instance: "1",
            pointer: "", keyword: "false", location: "#", message: "no value is allowed here (the schema is false)", accepted: nil
        ),
    ]

    @Test(arguments: cases)
    func keywordFailsWithPointerLocationAndMessage(_ testCase: Case) throws {
        let schema = try compile(testCase.schema)
        let found = try violations(of: testCase.instance, against: schema)
        #expect(!(try schema.isValid(JSON(parsing: testCase.instance))))
        let violation = try #require(found.first, "no violation for \(testCase.instance)")
        #expect(found.count == 1, "\(found)")
        #expect(violation.instancePointer.description == testCase.pointer)
        #expect(violation.keyword == testCase.keyword)
        #expect(violation.schemaLocation == testCase.location)
        #expect(violation.message == testCase.message)
    }

    @Test(arguments: cases.filter { $0.accepted != nil })
    func instanceWithoutTheFaultPasses(_ testCase: Case) throws {
        let schema = try compile(testCase.schema)
        let accepted = try JSON(parsing: try #require(testCase.accepted))
        #expect(schema.isValid(accepted))
        #expect(schema.validate(accepted).isEmpty)
    }
}

@Suite struct ViolationLevelTests {
    static let schema: JSON = [
        "type": "object",
        "required": ["id", "logprobs", "usage"],
        "properties": [
            "id": ["type": "string", "x-conform-level": "should", "pattern": "^chatcmpl-"],
            "logprobs": ["type": ["object", "null"], "x-conform-presence": "should", "required": ["content"]],
            "usage": ["$ref": "#/$defs/usage"],
        ],
        "$defs": ["usage": ["type": "object", "properties": ["total": ["type": "integer", "x-conform-level": "should"]]]],
    ]

    @Test("A graded subschema grades every violation inside it; a graded presence grades only the absence")
    func levels() throws {
        let compiled = try CompiledSchema(json: Self.schema)
        let absent = compiled.validate(["id": "x"])
        func level(_ message: String) -> String?? { absent.first { $0.message.contains(message) }.map(\.level) }
        #expect(level(#""logprobs" is missing"#) == .some("should"))
        #expect(level(#""usage" is missing"#) == .some(nil))
        #expect(absent.first { $0.keyword == "pattern" }?.level == "should")
        let present = compiled.validate(["id": "chatcmpl-1", "logprobs": [:], "usage": ["total": 1.5]])
        #expect(present.first { $0.instancePointer.description == "/logprobs" }?.level == nil)
        #expect(present.first { $0.instancePointer.description == "/usage/total" }?.level == "should")
    }
}
