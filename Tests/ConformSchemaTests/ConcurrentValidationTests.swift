import ConformJSON
import Testing

@testable import ConformSchema

@Suite struct ConcurrentValidationTests {
    /// One compiled schema, with patterns, dynamic scope and annotation tracking, used by many
    /// tasks at once gives every task the answer it gets alone.
    @Test func oneCompiledSchemaServesManyTasks() async throws {
        let schema = try compile(
            ##"""
            {"$id": "https://example.invalid/list.json", "$dynamicAnchor": "item",
             "type": "object", "required": ["data"],
             "properties": {"data": {"type": "array", "items": {"$ref": "#/$defs/entry"}}},
             "unevaluatedProperties": false,
             "$defs": {"entry": {"properties": {"id": {"type": "string", "pattern": "^emb-\\d+$"}}, "required": ["id"]}}}
            """##)
        let valid = try JSON(parsing: #"{"data": [{"id": "emb-1"}, {"id": "emb-22"}]}"#)
        let invalid = try JSON(parsing: #"{"data": [{"id": "emb-x"}], "extra": true}"#)
        let expected = schema.validate(invalid)
        #expect(expected.count == 2)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for round in 0..<64 {
                group.addTask {
                    round.isMultiple(of: 2)
                        ? schema.validate(valid).isEmpty && schema.isValid(valid) : schema.validate(invalid) == expected
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.count == 64)
        #expect(outcomes.allSatisfy { $0 })
    }
}
