import ConformContract
import ConformJSON
import ConformReport
import ConformSchema
import ConformSuite
import ConformTestSupport
import Foundation
import Testing

@Suite struct SchemaCheckTests {
    /// A catalog with one small schema in the shape of a chat completion's required members.
    static func catalog() throws -> SchemaCatalog {
        let fixtures = try TemporaryDirectory()
        try fixtures.write(
            "test/chat.schema.json",
            """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "required": ["id", "object", "created", "choices"],
             "properties": {"object": {"const": "chat.completion.chunk"}, "created": {"type": "integer"}}}
            """)
        return try SchemaCatalog(directory: fixtures.url)
    }

    func context(_ catalog: SchemaCatalog, stream: Bool = false) -> CheckContext {
        makeContext(
            makeFixture(expectation: Expectation(status: [200], schema: "test/chat", stream: stream ? StreamExpectation() : nil)),
            schemas: catalog)
    }

    @Test func aValidBodyPasses() throws {
        let catalog = try Self.catalog()
        let body: JSON = ["id": "c", "object": "chat.completion.chunk", "created": 1, "choices": []]
        #expect(judge(SchemaCheck.clientRules, context(catalog), jsonResponse(body)) == .pass)
    }

    @Test func aMissingRequiredMemberFailsWithItsPointer() throws {
        let catalog = try Self.catalog()
        let verdict = judge(
            SchemaCheck.clientRules, context(catalog), jsonResponse(["id": "c", "object": "chat.completion.chunk", "choices": []]))
        #expect(verdict.verdict == .fail)
        #expect(verdict.message?.hasPrefix("the body violates test/chat: (root): ") == true)
        #expect(verdict.message?.contains("created") == true)
    }

    @Test func everyStreamEventIsValidatedAndTheFirstBadOneNamed() throws {
        let catalog = try Self.catalog()
        let good = #"{"id":"c","object":"chat.completion.chunk","created":1,"choices":[]}"#
        let bad = #"{"id":"c","object":"chat.completion","created":1,"choices":[]}"#
        #expect(judge(SchemaCheck.clientRules, context(catalog, stream: true), streamResponse([(nil, good), (nil, "[DONE]")])) == .pass)
        let verdict = judge(
            SchemaCheck.clientRules, context(catalog, stream: true), streamResponse([(nil, good), (nil, bad), (nil, bad), (nil, "[DONE]")]))
        #expect(verdict.message?.hasPrefix("event 1 violates test/chat: /object: ") == true)
        #expect(verdict.message?.hasSuffix("(1 more events fail too)") == true)
        let notJSON = judge(SchemaCheck.clientRules, context(catalog, stream: true), streamResponse([(nil, "hello")]))
        #expect(notJSON.message == "event 0 data is not JSON: 'hello'")
    }

    @Test func aBodyThatIsNotJSONFails() throws {
        let catalog = try Self.catalog()
        let verdict = judge(SchemaCheck.clientRules, context(catalog), bytesResponse(Array("oops".utf8), contentType: "text/plain"))
        #expect(verdict.message?.hasPrefix("the body is not JSON (") == true)
    }

    @Test func fixturesAreValidatedAgainstTheFixtureSchema() throws {
        let schemas = try SchemaCatalog(directory: repositoryRoot.appending(path: "Schemas"))
        let fixtures = try TemporaryDirectory()
        try fixtures.write(
            "openai/chat/bad.json",
            """
            {"id": "chat.bad", "endpoint": "chat", "summary": "s", "level": "must", "source": "docs", "clients": ["openai-sdk"],
             "request": {"method": "POST", "path": "/v1/chat/completions", "auth": "bearer", "json": {}, "text": "x"},
             "expect": {"status": 99}}
            """)
        do {
            _ = try FixtureLoader(directory: fixtures.url, schemas: schemas).load()
            Issue.record("a fixture breaking the fixture schema loaded")
        } catch {
            #expect(error.errors.allSatisfy { $0.kind == .schemaViolation && $0.file == "openai/chat/bad.json" })
            let pointers = Set(error.errors.compactMap { $0.pointer?.description })
            #expect(pointers.contains("/request") && pointers.contains("/expect/status"), "\(error)")
        }
    }
}
