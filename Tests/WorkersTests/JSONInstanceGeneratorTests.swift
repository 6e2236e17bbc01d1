import ConformJSON
import ConformSchema
import Testing
import Workers

/// The generator's instances satisfy the schemas clients send for structured output and tool
/// parameters, checked by the suite's own validator, and it refuses the work a schema cannot
/// bound.
@Suite("JSON instances from client schemas")
struct JSONInstanceGeneratorTests {
    static let schemas: [(String, JSON)] = [
        ("weather tool", ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]]),
        (
            "pydantic model with $defs, optional field and enum",
            [
                "$defs": [
                    "Unit": ["enum": ["celsius", "fahrenheit"], "title": "Unit", "type": "string"],
                    "Place": ["type": "object", "properties": ["name": ["type": "string"], "zip": ["anyOf": [["type": "string"], ["type": "null"]]]], "required": ["name", "zip"]],
                ],
                "type": "object", "additionalProperties": false,
                "properties": ["place": ["$ref": "#/$defs/Place"], "unit": ["$ref": "#/$defs/Unit"], "days": ["type": "integer", "minimum": 1, "maximum": 7]],
                "required": ["place", "unit", "days"],
            ]
        ),
        ("allOf merges", ["allOf": [["type": "object", "properties": ["a": ["type": "integer"]], "required": ["a"]], ["properties": ["b": ["type": "boolean"]], "required": ["b"]]]]),
        ("integer at the top of the 64-bit range", ["type": "integer", "minimum": 9_223_372_036_854_775_807]),
        ("integer at the bottom", ["type": "integer", "maximum": -9_223_372_036_854_775_808]),
        ("integer range of 2^64 - 1", ["type": "integer", "minimum": -9_223_372_036_854_775_808, "maximum": 9_223_372_036_854_775_807]),
        ("exclusive integer bounds", ["type": "integer", "exclusiveMinimum": 3, "exclusiveMaximum": 5]),
        ("real bounds on an integer", ["type": "integer", "minimum": 1.5, "maximum": 2.5]),
        ("multiple of seven", ["type": "integer", "minimum": 10, "maximum": 20, "multipleOf": 7]),
        ("exclusive number bounds", ["type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 0.001]),
        ("huge number bounds", ["type": "number", "minimum": -1e308, "maximum": 1e308]),
        ("string lengths", ["type": "string", "minLength": 40, "maxLength": 41]),
        ("short string", ["type": "string", "maxLength": 3]),
        ("tuple", ["type": "array", "prefixItems": [["type": "integer"], ["type": "boolean"]], "items": false]),
        ("array bounds", ["type": "array", "items": ["type": "number"], "minItems": 5, "maxItems": 5]),
        ("object with minProperties", ["type": "object", "minProperties": 3, "additionalProperties": ["type": "integer"]]),
        ("recursive tree", ["type": "object", "properties": ["children": ["type": "array", "items": ["$ref": "#"]]]]),
        ("nullable type list", ["type": ["null", "integer"], "minimum": 0]),
    ]

    @Test("Every instance validates against its schema, for many seeds", arguments: schemas.map(\.0))
    func instancesAreValid(_ name: String) throws {
        let schema = try #require(Self.schemas.first { $0.0 == name }?.1)
        let compiled = try CompiledSchema(json: schema)
        for seed in 0..<50 as Range<UInt64> {
            var random = SeededRandom(seed: seed)
            var generator = JSONInstanceGenerator()
            let instance = try generator.instance(of: schema, param: "schema", random: &random)
            let violations = compiled.validate(instance)
            #expect(violations.isEmpty, "seed \(seed): \(instance) — \(violations.map(\.description))")
        }
    }

    @Test("The same seed gives the same instance")
    func deterministic() throws {
        let schema = try #require(Self.schemas.first { $0.0.hasPrefix("pydantic") }?.1)
        var first = SeededRandom(seed: 9)
        var second = SeededRandom(seed: 9)
        var generator = JSONInstanceGenerator()
        var another = JSONInstanceGenerator()
        #expect(try generator.instance(of: schema, param: "s", random: &first) == another.instance(of: schema, param: "s", random: &second))
    }

    @Test("Limits hold across the instances of one request: n choices share the budget")
    func sharedBudget() throws {
        let schema: JSON = ["type": "array", "minItems": 600, "items": ["type": "integer"]]
        var generator = JSONInstanceGenerator(limits: .init(maximumValues: 1_000))
        var random = SeededRandom(seed: 1)
        _ = try generator.instance(of: schema, param: "a", random: &random)
        #expect(throws: InvalidRequest.self) { try generator.instance(of: schema, param: "a", random: &random) }
    }

    @Test("Unsatisfiable and unbounded schemas are refused naming the param", arguments: [
        ["type": "integer", "minimum": 10, "maximum": 1] as JSON,
        ["type": "integer", "minimum": 1e19],
        ["type": "integer", "exclusiveMaximum": -9_223_372_036_854_775_808],
        ["type": "array", "minItems": 1_000_000_000_000],
        ["type": "array", "minItems": 3, "maxItems": 2],
        ["type": "string", "minLength": 1e12],
        ["type": "string", "minLength": 5, "maxLength": 2],
        ["type": "number", "exclusiveMinimum": 1, "exclusiveMaximum": 1],
        ["type": "integer", "minimum": 1, "maximum": 6, "multipleOf": 7],
        ["$ref": "#"],
        ["$ref": "#/definitions/none"],
        ["$ref": "https://example.com/remote.json"],
    ])
    func refused(_ schema: JSON) {
        var random = SeededRandom(seed: 3)
        var generator = JSONInstanceGenerator()
        do {
            let instance = try generator.instance(of: schema, param: "tools[2].function.parameters", random: &random)
            Issue.record("\(schema) gave \(instance)")
        } catch {
            #expect(error.param == "tools[2].function.parameters")
            #expect(error.message.contains("tools[2].function.parameters"))
        }
    }
}
