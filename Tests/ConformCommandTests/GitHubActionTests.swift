import ConformTestSupport
import Foundation
import Testing

/// The GitHub Action's logic (integrations/github/run-conform.sh) run as GitHub runs it, with the
/// step's output and summary files, against `conform mock` on loopback: outputs and summary on a
/// passing and a failing server, a bundle fetched and checked, and the refusals.
@Suite("The GitHub Action's script", .serialized, .timeLimit(.minutes(3)))
struct GitHubActionTests {
    static let script = ConformProcess.packageRoot.appending(path: "integrations/github/run-conform.sh")

    struct StepResult {
        var exitCode: Int32
        var standardError: String
        var outputs: [String: String]
        var summary: String
    }

    /// Runs the action's script in a fresh work directory, as a step with these inputs.
    static func step(_ inputs: [String: String], in directory: TemporaryDirectory) async throws -> StepResult {
        let outputFile = directory.url.appending(path: "github-output")
        let summaryFile = directory.url.appending(path: "step-summary")
        for file in [outputFile, summaryFile] where !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        }
        var environment = ["GITHUB_OUTPUT": outputFile.path, "GITHUB_STEP_SUMMARY": summaryFile.path, "RUNNER_TEMP": directory.url.path]
        for (name, value) in inputs { environment["INPUT_\(name)"] = value }
        let result = try await ConformProcess.launch(
            [script.path], environment: environment, executable: URL(filePath: "/bin/bash"), in: directory.url)
        var outputs: [String: String] = [:]
        for line in try String(contentsOf: outputFile, encoding: .utf8).split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            outputs[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return StepResult(
            exitCode: result.exitCode, standardError: result.standardError, outputs: outputs,
            summary: try String(contentsOf: summaryFile, encoding: .utf8))
    }

    /// The step with the built binary against a `conform mock` started with `mockArguments`,
    /// checking only the rerank cases.
    static func rerankStep(mockArguments: [String], in directory: TemporaryDirectory) async throws -> StepResult {
        let mock = try LaunchedCommand(["mock", "--port", "0"] + mockArguments)
        defer { mock.stop() }
        return try await step(
            [
                "CONFORM_PATH": try ConformProcess.executable().path, "BASE_URL": try #require(mock.listeningURL),
                "API_KEY": "conform-mock-key", "ARGS": "--only rerank.*",
            ], in: directory)
    }

    @Test("A conforming server: exit code 0, the counts as outputs, report.md in the step summary")
    func passing() async throws {
        let directory = try TemporaryDirectory()
        let step = try await Self.rerankStep(mockArguments: [], in: directory)
        #expect(step.exitCode == 0, "\(step.standardError)")
        #expect(step.outputs["exit-code"] == "0")
        #expect(step.outputs["outcome"] == "passed")
        #expect(Int(step.outputs["passed"] ?? "") ?? 0 > 0)
        #expect(step.outputs["failed"] == "0")
        let reportDirectory = try #require(step.outputs["report-dir"])
        #expect(reportDirectory.hasPrefix("conform-reports/"))
        #expect(FileManager.default.fileExists(atPath: directory.url.appending(path: reportDirectory).appending(path: "junit.xml").path))
        #expect(step.summary.contains("PASSED"), "\(step.summary.prefix(400))")
        #expect(!step.summary.contains("conform-mock-key"))
    }

    @Test("A deviating server: exit-code 1 and the failures as outputs, the script itself succeeds so the report uploads")
    func failing() async throws {
        let step = try await Self.rerankStep(mockArguments: ["--deviate", "rerank-unsorted"], in: try TemporaryDirectory())
        #expect(step.exitCode == 0, "\(step.standardError)")
        #expect(step.outputs["exit-code"] == "1")
        #expect(step.outputs["outcome"] == "failed")
        #expect(Int(step.outputs["failed"] ?? "") ?? 0 > 0)
        #expect(step.summary.contains("FAILED"))
    }

    @Test("A bundle URL is downloaded, its SHA-256 checked, and a mismatch refused")
    func bundle() async throws {
        // A bundle whose bin/conform hands over to the built binary: the script's logic (fetch,
        // checksum, unpack, find, run) is what is tested, not the binary, and a small archive
        // keeps the test from compressing a debug build.
        let directory = try TemporaryDirectory()
        let name = "conform-test-bundle"
        let wrapper = try directory.write("\(name)/bin/conform", "#!/bin/sh\nexec '\(try ConformProcess.executable().path)' \"$@\"\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
        let archive = directory.url.appending(path: "conform-test.tar.gz")
        let packed = try await ConformProcess.launch(["-czf", archive.path, "-C", directory.url.path, name], executable: URL(filePath: "/bin/tar"))
        #expect(packed.exitCode == 0)
        let digest = try await ConformProcess.launch(["-c", "cd \(directory.url.path) && sha256sum conform-test.tar.gz > conform-test.tar.gz.sha256"], executable: URL(filePath: "/bin/bash"))
        #expect(digest.exitCode == 0)
        let mock = try LaunchedCommand(["mock", "--port", "0"])
        defer { mock.stop() }
        let inputs = ["BUNDLE_URL": "file://\(archive.path)", "BASE_URL": try #require(mock.listeningURL), "API_KEY": "conform-mock-key", "ARGS": "--only models.*"]

        let work = try TemporaryDirectory()
        let step = try await Self.step(inputs, in: work)
        #expect(step.outputs["exit-code"] == "0", "\(step.standardError)")
        #expect(step.standardError.contains("conform: conform "), "the step names the conform it runs")

        try Data("\(String(repeating: "0", count: 64))  conform-test.tar.gz\n".utf8).write(to: directory.url.appending(path: "conform-test.tar.gz.sha256"))
        let tampered = try await Self.step(inputs, in: try TemporaryDirectory())
        #expect(tampered.exitCode == 2)
        #expect(tampered.standardError.contains("::error title=conform::the bundle's SHA-256 is"))
        #expect(tampered.outputs["exit-code"] == nil)
    }

    @Test("Without a server to check, or with a binary that is not one, the step fails at once with a reason")
    func refusals() async throws {
        let noServer = try await Self.step(["CONFORM_PATH": try ConformProcess.executable().path], in: try TemporaryDirectory())
        #expect(noServer.exitCode == 2)
        #expect(noServer.standardError.contains("give base-url or target"))
        let notBinary = try await Self.step(["CONFORM_PATH": "/nonexistent/conform", "BASE_URL": "http://127.0.0.1:9"], in: try TemporaryDirectory())
        #expect(notBinary.exitCode == 2)
        #expect(notBinary.standardError.contains("is not an executable file"))
    }
}
