import ConformContract
import ConformReport
import ConformRunner
import ConformSuite
import ConformTestSupport
import Logging
import MockProvider
import ServerScope
import Testing
import UpstreamWorkers
import WorkerServer
import Workers

/// The whole suite, run through the gateway whose every model is served by `conform worker`'s
/// server over the upstream adapter, gives the verdicts and golden bytes the in-process mock gives.
@Suite(.serialized, .timeLimit(.minutes(3))) struct UpstreamChainRunTests {
    @Test func theSuiteThroughTheAdapterMatchesTheInProcessMockCaseByCase() async throws {
        let inProcess = try await runAgainstMock(failOn: .any)
        let chained = try await Self.runThroughWorker()
        #expect(chained.exitCode == 0)
        #expect(chained.report.cases.count == inProcess.report.cases.count)
        // Whether a stream arrived slowly enough to be judged depends on timing: judged or not,
        // it must not fail.
        func verdicts(_ report: CaseReport) -> [String] {
            report.checks.map { check in
                let verdict = check.name == "stream.incremental" && check.verdict == .skip ? Verdict.pass : check.verdict
                return "\(check.name): \(verdict.rawValue)"
            }
        }
        for expected in inProcess.report.cases {
            let actual = try #require(chained.report.caseReport(expected.id))
            #expect(actual.verdict == expected.verdict, "\(expected.id)")
            #expect(verdicts(actual) == verdicts(expected), "\(expected.id): \(actual.checks.filter { $0.verdict != .pass })")
        }
        let goldens = chained.report.cases.filter { $0.checks.contains { $0.name == "golden" && $0.verdict == .pass } }
        #expect(goldens.count == repositoryFixtures.fixtures.filter { $0.golden != nil }.count)
    }

    /// The repository's fixtures against a gateway forwarding every model to a worker server.
    static func runThroughWorker() async throws -> SuiteOutcome {
        let logger = {
            var logger = Logger(label: "conform-upstream-chain")
            logger.logLevel = .critical
            return logger
        }()
        let models = MockConfiguration().models
        let worker = WorkerServer(engines: models.map { ServedEngine(name: $0.name, worker: DeterministicWorker(profile: $0.engineProfile)) })
        return try await ApplicationScope.serve(
            { report in worker.application(host: "127.0.0.1", port: 0, logger: logger, onServerRunning: report) }, logger: logger
        ) { workerPort in
            var forwarding = MockConfiguration(apiKeys: [testKey])
            forwarding.forwardAll(to: try UpstreamURL("http://127.0.0.1:\(workerPort)"))
            let configuration = forwarding
            let gateway = MockGateway.configured(configuration, logger: logger)
            return try await ApplicationScope.serve(
                { report in gateway.application(host: "127.0.0.1", port: 0, logger: logger, onServerRunning: report) }, logger: logger
            ) { port in
                let target = try TargetConfiguration(
                    baseURL: "http://127.0.0.1:\(port)", apiKey: testKey, roles: configuration.roleMapping, deterministic: true)
                let settings = RunSettings(failurePolicy: .any, suiteVersion: "test")
                return await SuiteRunner(target: target, settings: settings, schemas: suiteSchemas).run(repositoryFixtures)
            }
        }
    }
}
