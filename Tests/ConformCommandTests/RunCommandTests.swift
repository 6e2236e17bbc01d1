import ConformContract
import ConformJSON
import ConformReport
import ConformTestSupport
import Foundation
import Testing

/// A checkout of its own for one test: the fixture schema and the cases given.
func makeProject(cases: [String: String]) throws -> TemporaryDirectory {
    let project = try TemporaryDirectory()
    let schema = repositoryRoot.appending(path: "Schemas/fixture/fixture.schema.json")
    try project.write("Schemas/fixture/fixture.schema.json", Array(try Data(contentsOf: schema)))
    for (path, text) in cases { try project.write("Fixtures/\(path)", text) }
    return project
}

let repositoryRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A case that needs no schema: the model list, answered by anything that answers at all.
let modelsCase = """
    {"id": "models.list", "endpoint": "models", "summary": "lists models", "level": "must", "source": "GPUStack docs", "clients": ["openai-sdk"],
     "request": {"method": "GET", "path": "/v1/models", "auth": "bearer"}, "expect": {"status": 200}}
    """

/// The single report.json under `directory`.
func writtenReport(under directory: URL) throws -> RunReport {
    let folders = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    try #require(folders.count == 1, "\(folders)")
    return try RunReport(contentsOf: directory.appending(path: folders[0]).appending(path: "report.json"))
}

/// Every file under `directory` with its text, for looking for secrets.
func filesAndTexts(under directory: URL) throws -> [(path: String, text: String)] {
    var found: [(path: String, text: String)] = []
    let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
    while let file = walker?.nextObject() as? URL {
        guard try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
        found.append((file.path, String(decoding: try Data(contentsOf: file), as: UTF8.self)))
    }
    return found
}

@Suite(.serialized, .timeLimit(.minutes(3))) struct RunCommandTests {
    @Test func theWholeSuitePassesAgainstTheEmbeddedMockWithGoldens() throws {
        let reports = try TemporaryDirectory()
        let result = try ConformProcess.run(["run", "--root", repositoryRoot.path, "--report-dir", reports.url.path])
        #expect(result.exitCode == 0, "\(result.standardOutput)\n\(result.standardError)")
        let report = try writtenReport(under: reports.url)
        #expect(report.outcome.status == .passed && report.target.embeddedMock && report.target.deterministic)
        #expect(report.cases.count >= 60)
        #expect(report.cases.allSatisfy { $0.verdict == .pass }, "\(report.cases.filter { $0.verdict != .pass }.map(\.id))")
        #expect(report.cases.filter { $0.checks.contains { $0.name == "golden" } }.count >= 60)
        let folder = try FileManager.default.contentsOfDirectory(atPath: reports.url.path)[0]
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: reports.url.appending(path: folder).path))
                == ["report.json", "junit.xml", "report.md", "report.html"])
        #expect(result.standardOutput.contains(" s: \(report.cases.count) passed of \(report.cases.count) cases"))
        #expect(result.standardOutput.contains("PASSED in "))
        #expect(result.standardOutput.contains("reports written to \(reports.url.appending(path: folder).path)/"))
    }

    @Test func theKeyAppearsInNoReportFileAndNoOutput() throws {
        let reports = try TemporaryDirectory()
        let secret = "gpustack_0123456789abcdef_fedcba9876543210fedcba9876543210"
        let result = try ConformProcess.run(
            [
                "run", "--root", repositoryRoot.path, "--report-dir", reports.url.path, "--verbose", "--only", "proxy-path.*",
                "--only", "auth.*",
            ],
            environment: ["GPUSTACK_API_KEY": secret])
        #expect(result.exitCode == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(!result.standardOutput.contains(secret) && !result.standardError.contains(secret))
        let files = try filesAndTexts(under: reports.url)
        #expect(files.count == 4)
        for file in files { #expect(!file.text.contains(secret), "\(file.path) holds the key") }
        #expect(files.contains { $0.path.hasSuffix("report.json") && $0.text.contains("Bearer $GPUSTACK_API_KEY") })
        #expect(result.standardError.contains("    POST http://127.0.0.1:"), "--verbose shows each exchange")
    }

    @Test func theGoldensAreWhatTheMockAnswers() throws {
        let project = try TemporaryDirectory()
        for folder in ["Schemas", "Fixtures"] {
            try FileManager.default.copyItem(at: repositoryRoot.appending(path: folder), to: project.url.appending(path: folder))
        }
        let golden = project.url.appending(path: "Fixtures/jina/rerank/documented-example.golden.json")
        try Data("{}\n".utf8).write(to: golden)
        let result = try ConformProcess.run(["fixtures", "regenerate", "--root", project.url.path])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first == "wrote Fixtures/jina/rerank/documented-example.golden.json")
        #expect(
            lines.last?.hasPrefix("1 goldens written, ") == true, "the goldens drifted from the mock: \(result.standardOutput)")
        let restored = try Data(contentsOf: golden)
        #expect(
            restored
                == (try Data(contentsOf: repositoryRoot.appending(path: "Fixtures/jina/rerank/documented-example.golden.json"))))
    }

    @Test func anUnreachableTargetExitsTwoAndStillWritesAReportSayingSo() throws {
        let project = try makeProject(cases: ["openai/models/list.json": modelsCase])
        let closed = try ScriptedServer { _ in }
        let base = closed.baseURL
        closed.stop()
        let reports = project.url.appending(path: "out")
        let result = try ConformProcess.run([
            "run", "--root", project.url.path, "--base-url", base, "--api-key", "k", "--report-dir", reports.path,
        ])
        #expect(result.exitCode == 2, "\(result.standardOutput)\n\(result.standardError)")
        let report = try writtenReport(under: reports)
        #expect(report.outcome.status == .error && report.outcome.exitCode == 2)
        #expect(report.outcome.message?.hasPrefix("the target \(base) is unreachable: connectFailed") == true)
        // One finding, not one per case.
        #expect(report.cases.isEmpty)
        #expect(result.standardOutput.contains(": the target \(base) is unreachable"))
        #expect(result.standardOutput.contains("COULD NOT RUN in "))
    }

    @Test func ctrlCWritesWhatFinishedAndExits130() throws {
        let project = try makeProject(cases: ["openai/models/list.json": modelsCase])
        let silent = try ScriptedServer { connection in
            guard let request = connection.readRequest() else { return }
            // The reachability probe carries no key; the case does, and is never answered.
            if !String(decoding: request, as: UTF8.self).lowercased().contains("authorization:") {
                connection.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return connection.close()
            }
            connection.waitForPeerToClose()
        }
        defer { silent.stop() }
        let reports = project.url.appending(path: "out")
        let result = try ConformProcess.run(
            ["run", "--root", project.url.path, "--base-url", silent.baseURL, "--api-key", "k", "--report-dir", reports.path],
            interruptAfter: .seconds(2))
        #expect(result.exitCode == 130, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardError.contains("interrupted; writing the report for the cases that finished"))
        let report = try writtenReport(under: reports)
        #expect(report.outcome.status == .interrupted && report.cases.isEmpty)
    }

    @Test func aMalformedFixtureNamesItsFileAndFieldAndExitsTwo() throws {
        let project = try makeProject(cases: [
            "openai/models/list.json": modelsCase.replacingOccurrences(
                of: "\"expect\": {\"status\": 200}", with: "\"expect\": {\"status\": 200, \"checks\": [\"rerank.sorted-desk\"]}")
        ])
        let result = try ConformProcess.run(["run", "--root", project.url.path, "--base-url", "http://127.0.0.1:9", "--no-auth"])
        #expect(result.exitCode == 2)
        #expect(
            result.standardError.contains(
                "openai/models/list.json: /expect/checks/0: 'rerank.sorted-desk' is not a check; did you mean 'rerank.sorted-desc'?"
            ))
    }

    @Test func badOptionsExitTwoAndSayWhatToType() throws {
        let failOn = try ConformProcess.run(["run", "--fail-on", "sometimes"])
        #expect(failOn.exitCode == 2 && failOn.standardError.contains("sometimes"))
        let format = try ConformProcess.run(["run", "--format", "json,pdf"])
        #expect(format.exitCode == 2 && format.standardError.contains("pdf"))
        let project = try makeProject(cases: ["openai/models/list.json": modelsCase])
        let model = try ConformProcess.run([
            "run", "--root", project.url.path, "--base-url", "http://127.0.0.1:9", "--model", "chat",
        ])
        #expect(model.exitCode == 2 && model.standardError.contains("--model chat: write ROLE=VALUE, e.g. --model chat=qwen3"))
        let baseline = try ConformProcess.run([
            "run", "--root", project.url.path, "--base-url", "http://127.0.0.1:9", "--baseline",
            project.url.appending(path: "none.json").path,
        ])
        #expect(baseline.exitCode == 2 && baseline.standardError.contains("none.json: cannot be read"))
    }

    @Test func fixturesListNamesEveryCase() throws {
        let project = try makeProject(cases: ["openai/models/list.json": modelsCase])
        let result = try ConformProcess.run(["fixtures", "list", "--root", project.url.path])
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(
            result.standardOutput == """
                id           endpoint  level   summary
                models.list  models    must    lists models
                1 cases (1 must, 0 should)

                """)
    }
}
