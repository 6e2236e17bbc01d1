import ConformContract
import ConformHTTP
import ConformJSON
import Foundation
import MockProvider
import Testing

/// The OpenAPI document a fuzzer drives the mock with: assembled from Schemas/, every reference
/// pointing inside it, every fixed contract path present, served at /openapi.json.
@Suite struct OpenAPIDocumentTests {
    static let schemas = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Schemas")

    @Test func everyReferenceResolvesInsideTheDocument() throws {
        let document = try OpenAPIDocument.assemble(schemas: Self.schemas, version: "test", models: MockConfiguration().modelsByPath)
        #expect(document["openapi"] == "3.1.0")
        var references: [String] = []
        func collect(_ json: JSON) {
            switch json {
            case .object(let object):
                for (key, value) in object {
                    if key == "$ref", let reference = value.stringValue { references.append(reference) } else { collect(value) }
                }
            case .array(let elements): elements.forEach(collect)
            default: break
            }
        }
        collect(document)
        #expect(references.count > 50)
        for reference in references {
            #expect(reference.hasPrefix("#/"), "\(reference)")
            let pointer = try #require(JSONPointer(String(reference.dropFirst())))
            #expect(document.value(at: pointer) != nil, "\(reference) resolves to nothing")
        }
        let paths = try #require(document["paths"]?.objectValue)
        for row in ContractRow.allCases {
            guard let path = row.path else { continue }
            #expect(paths[path] != nil, "\(path)")
        }
        let rerankModel = paths["/v1/rerank"]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"]?["allOf"]?[1]
        #expect(rerankModel?["properties"]?["model"]?["enum"] == ["bge-reranker-v2-m3"])
    }

    @Test func theMockServesItWithoutAKey() async throws {
        var configuration = MockConfiguration()
        configuration.openAPIDocument = try OpenAPIDocument.assemble(schemas: Self.schemas, version: "test")
        try await withMock(configuration) { client in
            let served = try await client.send("GET", "/openapi.json", headers: [:])
            #expect(served.status == 200)
            let json = try served.json()
            #expect(json["paths"]?["/v1/messages"] != nil)
        }
        try await withMock { client in
            let missing = try await client.send("GET", "/openapi.json", headers: [:])
            #expect(missing.status == 404)
        }
    }
}
