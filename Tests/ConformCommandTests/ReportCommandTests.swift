import ConformJSON
import ConformReport
import ConformTestSupport
import Foundation
import Testing

@Suite struct ReportCommandTests {
    @Test func rendersTheAskedFormatsIntoTheOutputDirectory() throws {
        let scratch = try TemporaryDirectory()
        let input = try scratch.write("run/report.json", String(decoding: SampleReports.mixed().jsonDocument, as: UTF8.self))
        let out = scratch.url.appending(path: "rendered").path
        let result = try ConformProcess.run(["report", input.path, "--format", "html,md,junit", "--out", out])
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(result.standardError == "")
        #expect(result.standardOutput == ["report.html", "report.md", "junit.xml"].map { "\(out)/\($0)\n" }.joined())
        let markdown = try String(contentsOf: URL(filePath: out).appending(path: "report.md"), encoding: .utf8)
        #expect(markdown == MarkdownRenderer().render(SampleReports.mixed()))
        let junit = try String(contentsOf: URL(filePath: out).appending(path: "junit.xml"), encoding: .utf8)
        #expect(junit == JUnitRenderer().render(SampleReports.mixed()))
    }

    @Test func writesBesideTheInputByDefaultAndScrubsTheKeyFromTheEnvironment() throws {
        let scratch = try TemporaryDirectory()
        var report = SampleReports.mixed()
        report.cases[1].checks[1].message = "server echoed \(SampleReports.apiKey)"
        let input = try scratch.write("report.json", String(decoding: report.jsonDocument, as: UTF8.self))
        let result = try ConformProcess.run(["report", input.path], environment: ["GPUSTACK_API_KEY": SampleReports.apiKey])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let listed = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted()
        #expect(listed == ["junit.xml", "report.html", "report.json", "report.md"])
        for name in ["junit.xml", "report.html", "report.md"] {
            let text = try String(contentsOf: scratch.url.appending(path: name), encoding: .utf8)
            #expect(!text.contains(SampleReports.apiKey), "\(name) leaks the key")
            #expect(text.contains("server echoed $GPUSTACK_API_KEY"))
        }
    }

    @Test func aMalformedReportNamesTheFileAndTheField() throws {
        let scratch = try TemporaryDirectory()
        var document = SampleReports.mixed().json
        document["cases"] = .array([["id": "rerank.x", "verdict": "passed"]])
        let input = try scratch.write("report.json", String(decoding: document.serialized(.pretty), as: UTF8.self))
        let result = try ConformProcess.run(["report", input.path, "--out", scratch.url.appending(path: "out").path])
        #expect(result.exitCode == 2)
        #expect(
            result.standardError
                == "conform: \(input.path): not a conform report: /cases/0/endpoint: required member is missing\n")
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appending(path: "out").path))
    }

    @Test func invalidJSONAndMissingFilesExitTwo() throws {
        let scratch = try TemporaryDirectory()
        let broken = try scratch.write("broken.json", String(decoding: Array("{\"formatVersion\": 1,}".utf8), as: UTF8.self))
        let parsed = try ConformProcess.run(["report", broken.path])
        #expect(parsed.exitCode == 2)
        #expect(parsed.standardError.hasPrefix("conform: \(broken.path): not valid JSON: line 1, column "))
        let missing = scratch.url.appending(path: "absent.json").path
        let unreadable = try ConformProcess.run(["report", missing])
        #expect(unreadable.exitCode == 2)
        #expect(unreadable.standardError == "conform: \(missing): cannot read: No such file or directory\n")
    }

    @Test func anUnknownFormatIsAUsageError() throws {
        let scratch = try TemporaryDirectory()
        let input = try scratch.write("report.json", String(decoding: SampleReports.mixed().jsonDocument, as: UTF8.self))
        let result = try ConformProcess.run(["report", input.path, "--format", "html,pdf"])
        #expect(result.exitCode == 2)
        #expect(
            result.standardError.contains(
                "--format: unknown format 'pdf' in 'html,pdf'; use a comma-separated list of json, junit, md, html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) == ["report.json"])
    }

    @Test func anUnwritableOutputDirectoryExitsTwo() throws {
        let scratch = try TemporaryDirectory()
        let input = try scratch.write("report.json", String(decoding: SampleReports.mixed().jsonDocument, as: UTF8.self))
        let result = try ConformProcess.run(["report", input.path, "--out", input.appending(path: "inside").path])
        #expect(result.exitCode == 2)
        #expect(result.standardError == "conform: \(input.path)/inside: cannot write: Not a directory\n")
    }
}
