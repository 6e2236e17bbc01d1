import ConformJSON
import ConformSchema
import ConformTestSupport
import Testing

/// The comparison behind every example case fails when it should, so a passing example run means
/// the schemas agree with the examples rather than that nothing was compared.
@Suite struct SchemaExampleTests {
    let violation = SchemaViolation(
        instancePointer: JSONPointer("/results/0")!, schemaLocation: "jina/rerank-response#/properties/results/items/required",
        keyword: "required", message: #"required property "index" is missing"#)

    func example(_ expectation: SchemaExample.Expectation) -> SchemaExample {
        SchemaExample(schema: "jina/rerank-response", location: "test", summary: "test", instance: [:], expectation: expectation)
    }

    @Test func validCaseAgreesOnlyWithNoViolations() {
        #expect(example(.valid).mismatch(with: []) == nil)
        #expect(example(.valid).mismatch(with: [violation])?.contains("to accept") == true)
    }

    @Test func invalidCaseNeedsTheKeywordAtThePointer() {
        let expected = example(.invalid(pointer: JSONPointer("/results/0")!, keyword: "required"))
        #expect(expected.mismatch(with: [violation]) == nil)
        #expect(expected.mismatch(with: [])?.contains("accepts it") == true)
        let elsewhere = example(.invalid(pointer: JSONPointer("/results/1")!, keyword: "required"))
        #expect(elsewhere.mismatch(with: [violation])?.contains("/results/0") == true)
        let otherKeyword = example(.invalid(pointer: JSONPointer("/results/0")!, keyword: "type"))
        #expect(otherKeyword.mismatch(with: [violation]) != nil)
    }

    @Test func malformedExamplesFileNamesTheFileAndTheCase() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "jina/rerank-response.json",
            #"{"schema": "jina/rerank-response", "valid": [], "invalid": [{"description": "x", "instance": {}, "keyword": "required"}]}"#)
        #expect {
            _ = try SchemaExampleFile.loadAll(from: directory.url)
        } throws: { error in
            let error = try #require(error as? SchemaExampleFile.LoadError)
            return error.file == "jina/rerank-response.json" && error.pointer == JSONPointer("/invalid/0")
                && error.reason.contains("pointer")
        }
    }
}
