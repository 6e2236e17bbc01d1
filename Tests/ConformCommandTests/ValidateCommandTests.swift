import ArgumentParser
import ConformJSON
import ConformSchema
import ConformTestSupport
import Foundation
import Testing

@testable import conform

@Suite struct ValidateCommandTests {
    private static let rerankSchema = """
        {"$id": "https://conform.invalid/schemas/jina/rerank-response.schema.json",
         "type": "object", "required": ["results"],
         "properties": {"results": {"type": "array", "items": {"$ref": "result.schema.json"}}}}
        """
    private static let resultSchema = """
        {"$id": "https://conform.invalid/schemas/jina/result.schema.json",
         "type": "object", "required": ["index", "relevance_score"],
         "properties": {"index": {"type": "integer"}, "relevance_score": {"type": "number"}}}
        """

    /// A project checkout with Fixtures/ and two schemas under Schemas/jina/.
    private func makeProject() throws -> TemporaryDirectory {
        let project = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: project.url.appending(path: "Fixtures"), withIntermediateDirectories: true)
        try project.write("Schemas/jina/rerank-response.schema.json", Self.rerankSchema)
        try project.write("Schemas/jina/result.schema.json", Self.resultSchema)
        try project.write("good.json", #"{"results": [{"index": 2, "relevance_score": 0.9}]}"#)
        try project.write("bad.json", #"{"results": [{"relevance_score": "high"}]}"#)
        try project.write("broken.json", "{\n  \"results\": [\n    1,\n  ]\n}")
        return project
    }

    private func options(root: URL) throws -> ProjectOptions {
        try ProjectOptions.parse(["--root", root.path])
    }

    private func run(_ schema: String, _ files: [String], in project: TemporaryDirectory) throws -> ValidationSummary {
        let compiled = try SchemaSelection.resolve(schema, project: try options(root: project.url))
        let paths = files.map { project.url.appending(path: $0).path }
        return ValidationSummary(schemaName: compiled.name, results: FileValidation(schema: compiled).validate(paths))
    }

    @Test func validFilesExitZero() throws {
        let project = try makeProject()
        let summary = try run("jina/rerank-response", ["good.json"], in: project)
        #expect(summary.exitCode == 0)
        #expect(summary.text == "\(project.url.appending(path: "good.json").path): valid\n")
    }

    @Test func invalidFilesExitOneWithOneViolationPerLine() throws {
        let project = try makeProject()
        let summary = try run("jina/rerank-response", ["good.json", "bad.json"], in: project)
        #expect(summary.exitCode == 1)
        let bad = project.url.appending(path: "bad.json").path
        #expect(
            summary.text.split(separator: "\n").dropFirst().joined(separator: "\n") == """
                \(bad): invalid, 2 violations
                  /results/0: required property "index" is missing  [jina/result#/required]
                  /results/0/relevance_score: expected number, got string "high"  [jina/result#/properties/relevance_score/type]
                """)
        #expect(summary.failureMessage == "1 of 2 files are invalid")
    }

    @Test func malformedAndMissingFilesExitTwoWithLineAndColumn() throws {
        let project = try makeProject()
        let summary = try run("jina/rerank-response", ["broken.json", "missing.json", "bad.json"], in: project)
        #expect(summary.exitCode == 2)
        let lines = summary.text.split(separator: "\n")
        #expect(lines[0].hasPrefix("\(project.url.appending(path: "broken.json").path): error: line 4, column"))
        #expect(lines[1] == "\(project.url.appending(path: "missing.json").path): error: cannot read the file (no such file)")
        #expect(summary.failureMessage == "1 of 3 files are invalid; 2 could not be validated")
    }

    @Test func theJSONReportListsEachFilesStatusAndViolations() throws {
        let project = try makeProject()
        let summary = try run("jina/rerank-response", ["good.json", "bad.json", "broken.json"], in: project)
        let report = summary.json
        #expect(report["schema"] == "jina/rerank-response")
        #expect(report["status"] == "error")
        let files = try #require(report["files"]?.arrayValue)
        #expect(files.map { $0["status"] } == ["valid", "invalid", "error"])
        #expect(
            files[1]["violations"]?[0] == [
                "instancePointer": "/results/0", "schemaLocation": "jina/result#/required", "keyword": "required",
                "message": #"required property "index" is missing"#,
            ])
        #expect(files[2]["error"]?["line"] == 4)
        #expect(try JSON(parsing: report.serializedString(.pretty)) == report)
    }

    @Test func anUnknownSchemaNameListsTheCloseNames() throws {
        let project = try makeProject()
        let error = #expect(throws: CommandFailure.self) {
            try SchemaSelection.resolve("jina/rerank-respons", project: try options(root: project.url))
        }
        #expect(error?.exitCode == 2)
        #expect(
            error?.message.hasSuffix(
                #"no schema named "jina/rerank-respons" in the catalog; did you mean "jina/rerank-response"?"#) == true)
    }

    @Test func aSchemaFileMayReferToTheProjectsSchemas() throws {
        let project = try makeProject()
        let strict = try project.write(
            "strict.schema.json",
            """
            {"$ref": "https://conform.invalid/schemas/jina/rerank-response.schema.json", "required": ["model"]}
            """)
        let summary = try run(strict.path, ["good.json"], in: project)
        #expect(summary.exitCode == 1)
        #expect(summary.text.contains(#"(root): required property "model" is missing  [\#(strict.path)#/required]"#))
        let missing = #expect(throws: CommandFailure.self) {
            try SchemaSelection.resolve(
                project.url.appending(path: "nope.schema.json").path, project: try options(root: project.url))
        }
        #expect(missing?.message.hasSuffix("nope.schema.json does not exist") == true)
    }

    @Test func aBrokenSchemaIsReportedWithItsFileAndPointer() throws {
        let project = try makeProject()
        try project.write(
            "Schemas/jina/result.schema.json",
            """
            {"$id": "https://conform.invalid/schemas/jina/result.schema.json", "properties": {"index": {"minimum": "0"}}}
            """)
        let error = #expect(throws: CommandFailure.self) {
            try SchemaSelection.resolve("jina/rerank-response", project: try options(root: project.url))
        }
        #expect(
            error?.message.hasSuffix("jina/result.schema.json#/properties/index/minimum: minimum must be a number") == true,
            "\(error?.message ?? "")")
    }

    @Test func theExecutableExitsWithTheDocumentedCodes() throws {
        let project = try makeProject()
        let executable = try #require(Self.builtExecutable(), "the conform executable is built beside the test bundle")
        func exitCode(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["validate", "--root", project.url.path] + arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let good = project.url.appending(path: "good.json").path
        #expect(try exitCode(["--schema", "jina/rerank-response", good]).0 == 0)
        #expect(try exitCode(["--schema", "jina/rerank-response", good, project.url.appending(path: "bad.json").path]).0 == 1)
        #expect(try exitCode(["--schema", "jina/rerank-response", project.url.appending(path: "broken.json").path]).0 == 2)
        #expect(try exitCode(["--schema", "jina/unknown", good]).0 == 2)
        let (code, json) = try exitCode(["--schema", "jina/rerank-response", "--json", good])
        #expect(code == 0)
        #expect(try JSON(parsing: json)["status"] == "valid")
    }

    private static func builtExecutable() -> URL? {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        return candidates.map { $0.appending(path: "conform") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
