import ConformJSON
import ConformTestSupport
import Foundation
import Testing

@testable import ConformSchema

@Suite struct SchemaCatalogTests {
    /// A small catalog shaped like the project's: files with `$id`s under conform.invalid that
    /// refer to each other by relative `$ref`, one file without an `$id`.
    private func makeCatalog() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write(
            "jina/rerank-response.schema.json",
            """
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "$id": "https://conform.invalid/schemas/jina/rerank-response.schema.json",
             "type": "object", "required": ["results", "usage"],
             "properties": {
               "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
               "usage": {"$ref": "../shared/usage.schema.json"}
             },
             "$defs": {"result": {"type": "object", "required": ["index", "relevance_score"],
                                  "properties": {"index": {"type": "integer", "minimum": 0},
                                                 "relevance_score": {"type": "number"}}}}}
            """)
        try directory.write(
            "shared/usage.schema.json",
            """
            {"$id": "https://conform.invalid/schemas/shared/usage.schema.json",
             "type": "object", "required": ["total_tokens"],
             "properties": {"total_tokens": {"$ref": "counts.schema.json#/$defs/count"}}}
            """)
        try directory.write(
            "shared/counts.schema.json",
            """
            {"$id": "https://conform.invalid/schemas/shared/counts.schema.json",
             "$defs": {"count": {"type": "integer", "minimum": 0}}}
            """)
        try directory.write("notes.json", #"{"not": "a schema file, ignored"}"#)
        return directory
    }

    @Test func namesAreRelativePathsWithoutTheSuffix() throws {
        let directory = try makeCatalog()
        let catalog = try SchemaCatalog(directory: directory.url)
        #expect(catalog.names == ["jina/rerank-response", "shared/counts", "shared/usage"])
        #expect(try catalog.schema(named: "jina/rerank-response").name == "jina/rerank-response")
    }

    @Test func violationsNameTheCatalogSchemaAndFollowReferencesAcrossFiles() throws {
        let directory = try makeCatalog()
        let schema = try SchemaCatalog(directory: directory.url).schema(named: "jina/rerank-response")
        #expect(schema.isValid(try JSON(parsing: #"{"results":[{"index":0,"relevance_score":0.9}],"usage":{"total_tokens":3}}"#)))
        let found = try violations(of: #"{"results":[{"relevance_score":0.9}],"usage":{"total_tokens":-1}}"#, against: schema)
        #expect(
            found.map(\.description) == [
                #"/results/0: required property "index" is missing"#,
                "/usage/total_tokens: -1 is less than the minimum 0",
            ])
        #expect(
            found.map(\.schemaLocation) == [
                "jina/rerank-response#/$defs/result/required",
                "shared/counts#/$defs/count/minimum",
            ])
    }

    @Test func filesWithoutAnIdentifierReferToEachOtherByPath() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a/outer.schema.json", #"{"properties": {"inner": {"$ref": "../b/inner.schema.json#/$defs/inner"}}}"#)
        try directory.write("b/inner.schema.json", #"{"$defs": {"inner": {"type": "string"}}}"#)
        let schema = try SchemaCatalog(directory: directory.url).schema(named: "a/outer")
        let found = try violations(of: #"{"inner": 1}"#, against: schema)
        #expect(found.map(\.schemaLocation) == ["b/inner#/$defs/inner/type"])
    }

    @Test func aReferenceMissingOnlyBecauseAFileLacksItsIdentifierSaysSo() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "a/outer.schema.json", #"{"$id": "https://conform.invalid/schemas/a/outer.schema.json", "$ref": "inner.schema.json"}"#
        )
        let inner = try directory.write("a/inner.schema.json", #"{"type": "string"}"#)
        let error = loadError { try SchemaCatalog(directory: directory.url) }
        #expect(error?.kind == .unresolvedReference)
        #expect(
            error?.reason
                == #"cannot resolve "inner.schema.json": no schema is known as "https://conform.invalid/schemas/a/inner.schema.json"; did you mean "\#(inner.absoluteString)" (a file without $id)?"#
        )
    }

    @Test func unknownNamesSuggestCloseOnes() throws {
        let directory = try makeCatalog()
        let catalog = try SchemaCatalog(directory: directory.url)
        let error = loadError { try catalog.schema(named: "jina/rerank-respons") }
        #expect(error?.kind == .unknownSchema)
        #expect(error?.reason == #"no schema named "jina/rerank-respons" in the catalog; did you mean "jina/rerank-response"?"#)
        #expect(loadError { try catalog.schema(named: "usage") }?.reason.contains(#""shared/usage""#) == true)
    }

    @Test func aSchemaFileOutsideTheCatalogCanReferToIt() throws {
        let directory = try makeCatalog()
        let catalog = try SchemaCatalog(directory: directory.url)
        let outside = try TemporaryDirectory()
        let file = try outside.write(
            "strict.schema.json",
            """
            {"allOf": [{"$ref": "https://conform.invalid/schemas/jina/rerank-response.schema.json"}],
             "properties": {"model": {"const": "bge-reranker-v2-m3"}}, "required": ["model"]}
            """)
        let schema = try catalog.schema(atPath: file.path)
        #expect(schema.name == file.path)
        let found = try violations(of: #"{"results":[],"usage":{"total_tokens":"3"}}"#, against: schema)
        #expect(found.map(\.schemaLocation) == ["\(file.path)#/required", "shared/counts#/$defs/count/type"])
        #expect(
            found.map(\.description) == [
                #"(root): required property "model" is missing"#,
                #"/usage/total_tokens: expected integer, got string "3""#,
            ])
        // A catalog file given by path is the catalog's own schema.
        let own = try catalog.schema(atPath: directory.url.appending(path: "shared/usage.schema.json").path)
        #expect(own.name == "shared/usage")
    }

    @Test func malformedJSONNamesTheFileLineAndColumn() throws {
        let directory = try makeCatalog()
        let broken = try directory.write("openai/broken.schema.json", "{\n  \"type\": \"object\",\n  \"required\": [\"id\",]\n}")
        let error = loadError { try SchemaCatalog(directory: directory.url) }
        #expect(error?.kind == .malformedJSON)
        #expect(error?.file == broken.path)
        #expect(error?.reason.hasPrefix("not valid JSON: line 3, column") == true)
    }

    @Test func anUnresolvableReferenceNamesTheFileAndPointer() throws {
        let directory = try makeCatalog()
        let broken = try directory.write(
            "openai/broken.schema.json", #"{"properties": {"usage": {"$ref": "usage.schema.json"}}}"#)
        let error = loadError { try SchemaCatalog(directory: directory.url) }
        #expect(error?.kind == .unresolvedReference)
        #expect(error?.file == broken.path)
        #expect(error?.pointer == JSONPointer("/properties/usage/$ref"))
        #expect(error?.description.contains("cannot resolve \"usage.schema.json\"") == true)
    }

    @Test func anInvalidPatternNamesTheFileAndPointer() throws {
        let directory = try makeCatalog()
        try directory.write("openai/broken.schema.json", #"{"$defs": {"id": {"pattern": "^(chatcmpl-"}}}"#)
        let error = loadError { try SchemaCatalog(directory: directory.url) }
        #expect(error?.kind == .invalidKeyword)
        #expect(error?.pointer == JSONPointer("/$defs/id/pattern"))
        #expect(error?.reason.hasPrefix(#"invalid regular expression "^(chatcmpl-""#) == true)
    }

    @Test func aKeywordOfTheWrongTypeNamesTheFileAndPointer() throws {
        let directory = try makeCatalog()
        try directory.write("openai/broken.schema.json", #"{"properties": {"n": {"type": "int"}}, "required": "n"}"#)
        let error = loadError { try SchemaCatalog(directory: directory.url) }
        #expect(error?.kind == .invalidKeyword)
        #expect(
            error?.description.hasSuffix("openai/broken.schema.json#/required: required must be an array of property names")
                == true)
        try directory.write("openai/broken.schema.json", #"{"properties": {"n": {"type": "int"}}}"#)
        let typeError = loadError { try SchemaCatalog(directory: directory.url) }
        #expect(typeError?.pointer == JSONPointer("/properties/n/type"))
        #expect(typeError?.reason.hasPrefix(#""int" is not a JSON Schema type"#) == true)
    }

    @Test func twoFilesClaimingOneIdentifierAreRejected() throws {
        let directory = try makeCatalog()
        try directory.write("shared/copy.schema.json", #"{"$id": "https://conform.invalid/schemas/shared/usage.schema.json"}"#)
        let error = loadError { try SchemaCatalog(directory: directory.url) }
        #expect(error?.kind == .duplicateIdentifier)
        #expect(error?.reason.contains("already identifies the schema at") == true)
    }

    @Test func aMissingDirectoryIsReported() {
        let error = loadError { try SchemaCatalog(directory: URL(filePath: "/nonexistent/conform/Schemas")) }
        #expect(error?.kind == .unreadable)
        #expect(error?.description == "/nonexistent/conform/Schemas: no such directory")
    }
}
