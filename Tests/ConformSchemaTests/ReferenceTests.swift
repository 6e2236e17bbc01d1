import ConformJSON
import ConformTestSupport
import Foundation
import Testing

@testable import ConformSchema

@Suite struct ReferenceTests {
    @Test func referencesResolveAgainstTheNearestIdentifier() throws {
        let schema = try compile(
            ##"""
            {"$id": "https://example.invalid/root.json",
             "properties": {"a": {"$ref": "item.json"}, "b": {"$ref": "#name"}},
             "$defs": {
               "item": {"$id": "item.json", "type": "integer"},
               "named": {"$anchor": "name", "type": "string"}
             }}
            """##)
        #expect(try violations(of: #"{"a": 1, "b": "x"}"#, against: schema).isEmpty)
        let found = try violations(of: #"{"a": "1", "b": 2}"#, against: schema)
        #expect(
            found.map(\.schemaLocation) == [
                "https://example.invalid/root.json#/$defs/item/type", "https://example.invalid/root.json#/$defs/named/type",
            ])
    }

    @Test func dynamicReferencesResolveThroughTheDynamicScope() throws {
        // The generic tree only allows what the extending schema's "node" anchor allows.
        let schema = try compile(
            ##"""
            {"$id": "https://example.invalid/strict-tree.json",
             "$dynamicAnchor": "node",
             "$ref": "tree.json",
             "unevaluatedProperties": false,
             "$defs": {"tree": {"$id": "tree.json", "$dynamicAnchor": "node", "type": "object",
                                "properties": {"data": true, "children": {"type": "array", "items": {"$dynamicRef": "#node"}}}}}}
            """##)
        #expect(try violations(of: #"{"children": [{"data": 1}]}"#, against: schema).isEmpty)
        let found = try violations(of: #"{"children": [{"daat": 1}]}"#, against: schema)
        #expect(
            found.map(\.description) == [
                #"/children/0: property "daat" is not allowed (no subschema declares it and unevaluatedProperties is false)"#
            ])
    }

    @Test func remotePrefixesAreServedFromADirectory() throws {
        let remotes = try TemporaryDirectory()
        try remotes.write("shared/id.json", #"{"type": "string", "pattern": "^emb-"}"#)
        let schema = try CompiledSchema(
            json: JSON(parsing: #"{"properties": {"id": {"$ref": "http://remote.invalid/shared/id.json"}}}"#),
            remotes: ["http://remote.invalid/": remotes.url])
        let found = try violations(of: #"{"id": "chat-1"}"#, against: schema)
        #expect(found.map(\.schemaLocation) == ["http://remote.invalid/shared/id.json#/pattern"])
    }

    @Test func theDraft202012MetaschemaIsBuiltIn() throws {
        let metaschema = try compile(#"{"$ref": "https://json-schema.org/draft/2020-12/schema"}"#)
        #expect(try violations(of: #"{"type": "object", "properties": {"a": {"minimum": 1}}}"#, against: metaschema).isEmpty)
        let found = try violations(of: #"{"properties": {"a": {"minimum": "1"}}}"#, against: metaschema)
        #expect(found.contains { $0.instancePointer == JSONPointer("/properties/a/minimum") && $0.keyword == "type" })
        for (uri, text) in BuiltInMetaschemas.documents {
            #expect(try JSON(parsing: text)["$id"] == .string(uri))
        }
    }

    @Test func aMetaschemaWithoutTheValidationVocabularyTurnsItsKeywordsIntoAnnotations() throws {
        let remotes = try TemporaryDirectory()
        try remotes.write(
            "meta.json",
            ##"""
            {"$id": "http://meta.invalid/meta.json",
             "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/core": true,
                             "https://json-schema.org/draft/2020-12/vocab/applicator": true}}
            """##)
        let schema = try CompiledSchema(
            json: JSON(parsing: #"{"$schema": "http://meta.invalid/meta.json", "minimum": 10, "properties": {"bad": false}}"#),
            remotes: ["http://meta.invalid/": remotes.url])
        #expect(try schema.isValid(JSON(parsing: "1")))
        #expect(try !schema.isValid(JSON(parsing: #"{"bad": 1}"#)))
    }

    @Test func aSchemaThatRefersToItselfWithoutProgressStopsWithAViolation() throws {
        let schema = try compile(##"{"$ref": "#"}"##)
        #expect(try !schema.isValid(JSON(parsing: "1")))
        let found = try violations(of: "1", against: schema)
        #expect(found.count == 1)
        #expect(found.first?.keyword == "$ref")
        #expect(found.first?.message.contains("refers to itself without moving into the instance") == true)
    }

    @Test func deeplyNestedInstancesOfARecursiveSchemaValidateInBothModes() throws {
        let schema = try compile(
            ##"""
            {"anyOf": [{"type": "string"}, {"type": "array", "items": {"$ref": "#"}}], "unevaluatedItems": false}
            """##)
        var nested = JSON.string("leaf")
        for _ in 0..<400 { nested = [nested] }
        #expect(schema.isValid(nested))
        #expect(schema.validate(nested).isEmpty)
        var broken = JSON.integer(1)
        for _ in 0..<400 { broken = [broken] }
        let found = schema.validate(broken)
        #expect(!schema.isValid(broken))
        #expect(found.last?.instancePointer.tokens.count == 400)
    }

    @Test func aMissingAnchorOrPointerTargetFailsCompilation() {
        let anchor = loadError { try compile(##"{"$ref": "#nowhere"}"##) }
        #expect(anchor?.kind == .unresolvedReference)
        #expect(anchor?.pointer == JSONPointer("/$ref"))
        #expect(anchor?.reason == ##"cannot resolve "#nowhere": the schema declares no anchor "nowhere""##)
        let pointer = loadError { try compile(##"{"properties": {"a": {"$ref": "#/$defs/missing"}}}"##) }
        #expect(pointer?.pointer == JSONPointer("/properties/a/$ref"))
        #expect(pointer?.reason == ##"cannot resolve "#/$defs/missing": the schema has nothing at /$defs/missing"##)
    }
}
