import ConformContract
import ConformReport
import ConformTestSupport
import Foundation
import Testing

/// What a CI job runs: no silent green for a job whose secret is empty, targets discovered and
/// committed, and gates on coverage.
@Suite(.serialized, .timeLimit(.minutes(3))) struct GateCommandTests {
    @Test func aRemoteRunWithoutAKeyIsAUsageErrorUnlessNoAuthSaysSo() throws {
        for environment in [[:], ["GPUSTACK_API_KEY": ""]] {
            let result = try ConformProcess.run(
                ["run", "--root", repositoryRoot.path, "--base-url", "http://127.0.0.1:9"], environment: environment)
            #expect(result.exitCode == 2)
            #expect(result.standardError.contains("no API key for http://127.0.0.1:9"))
            #expect(result.standardError.contains("--no-auth if the target takes no key"))
        }
        let reports = try TemporaryDirectory()
        let noAuth = try ConformProcess.run(
            ["run", "--root", repositoryRoot.path, "--base-url", "http://127.0.0.1:9", "--no-auth", "--report-dir", reports.url.path])
        // Past the key check: the unreachable target is what stops it now.
        #expect(noAuth.exitCode == 2 && noAuth.standardOutput.contains("is unreachable"))
    }

    @Test func discoverWritesATargetThatARunCoversWholly() throws {
        let key = "gpustack_1111222233334444_aaaabbbbccccddddeeeeffff00001111"
        let mock = try LaunchedCommand(["mock", "--port", "0", "--api-key", key])
        defer { mock.stop() }
        let base = try #require(mock.listeningURL)
        let folder = try TemporaryDirectory()
        let targetFile = folder.url.appending(path: "target.json").path
        let discovered = try ConformProcess.run(
            ["discover", "--root", repositoryRoot.path, "--base-url", base, "-o", targetFile], environment: ["GPUSTACK_API_KEY": key])
        #expect(discovered.exitCode == 0, "\(discovered.standardError)")
        #expect(discovered.standardOutput.contains("route.echo=43"))
        let reports = folder.url.appending(path: "reports")
        let run = try ConformProcess.run(
            ["run", "--root", repositoryRoot.path, "--target", targetFile, "--fail-on-skip", "--require", "echo", "--report-dir", reports.path],
            environment: ["GPUSTACK_API_KEY": key])
        #expect(run.exitCode == 0, "\(run.standardOutput)\n\(run.standardError)")
        let report = try writtenReport(under: reports)
        #expect(report.target.baseURL == base && !report.cases.contains { $0.verdict == .skip })
        #expect(!(try String(contentsOfFile: targetFile, encoding: .utf8)).contains(key))
    }

    @Test func requireAndFailOnSkipGateCoverage() throws {
        let key = "gpustack_1111222233334444_aaaabbbbccccddddeeeeffff00002222"
        let mock = try LaunchedCommand(["mock", "--port", "0", "--api-key", key])
        defer { mock.stop() }
        let base = try #require(mock.listeningURL)
        let reports = try TemporaryDirectory()
        // Against a remote target only the documented names are mapped: speech is not.
        let required = try ConformProcess.run(
            ["run", "--root", repositoryRoot.path, "--base-url", base, "--require", "speech", "--report-dir", reports.url.path],
            environment: ["GPUSTACK_API_KEY": key])
        #expect(required.exitCode == 2)
        #expect(required.standardError.contains("--require speech: the role is not mapped; pass --model speech=NAME"))
        let gated = try ConformProcess.run(
            ["run", "--root", repositoryRoot.path, "--base-url", base, "--only", "speech.*", "--fail-on-skip", "--report-dir", reports.url.path],
            environment: ["GPUSTACK_API_KEY": key])
        #expect(gated.exitCode == 1)
        #expect(gated.standardOutput.contains("map it with --model speech=NAME"))
        #expect(gated.standardOutput.contains("which --fail-on-skip counts"))
    }
}
