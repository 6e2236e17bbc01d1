import ConformContract
import ConformJSON
import ConformReport
import ConformRunner
import ConformSuite
import Foundation
import FoundationXML
import HTTPTypes
import Hummingbird
import Logging
import MockProvider
import ServerScope
import ServerTestSupport
import Testing

/// The mock with some paths answered as a server without those endpoints answers them: a plain
/// 404 without the contract's envelope.
struct RemovingResponder: HTTPResponder {
    let inner: Router<ConnectionContext>.Responder
    let removed: [String]

    func respond(to request: Request, context: ConnectionContext) async throws -> Response {
        if removed.contains(where: { request.uri.path.hasPrefix($0) }) {
            return Response(status: .notFound, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(string: "404 page not found")))
        }
        return try await inner.respond(to: request, context: context)
    }
}

/// Runs the repository's fixtures against a mock built from `configuration` whose `removed` path
/// prefixes answer a plain 404, mapping the mock's roles.
func runAgainstMock(
    _ configuration: MockConfiguration, removing removed: [String], failingOn failOn: FailurePolicy = .must
) async throws -> SuiteOutcome {
    var configuration = configuration
    configuration.apiKeys = [testKey]
    let gateway = MockGateway.deterministic(configuration)
    let responder = RemovingResponder(inner: gateway.router().buildResponder(), removed: removed)
    let roles = configuration.roleMapping
    return try await withLiveServer(
        { report in
            var logger = Logger(label: "removing")
            logger.logLevel = .critical
            return Application(
                responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { channel in await report(channel.localAddress?.port ?? 0) }, logger: logger)
        },
        { port in
            let target = try TargetConfiguration(baseURL: "http://127.0.0.1:\(port)", apiKey: testKey, roles: roles)
            let settings = RunSettings(failurePolicy: failOn, suiteVersion: "test")
            return await SuiteRunner(target: target, settings: settings, schemas: suiteSchemas).run(repositoryFixtures)
        })
}

@Suite(.timeLimit(.minutes(2))) struct VerdictGateTests {
    @Test("A server without the generic proxy gets one unsupported result per proxy form, and its refusals do not pass")
    func aMissingEndpointIsOneResult() async throws {
        let outcome = try await runAgainstMock(MockConfiguration(), removing: ["/model/proxy"])
        #expect(outcome.exitCode == 1)
        let proxyCases = outcome.report.cases.filter { $0.endpoint == "proxy-path" || $0.endpoint == "proxy-header" }
        #expect(proxyCases.map(\.id) == ["proxy-header.endpoint", "proxy-path.endpoint"])
        #expect(proxyCases.allSatisfy { $0.verdict == .unsupported && $0.failureLevel == .must && $0.counted })
        let pathFinding = try #require(proxyCases.last)
        #expect(pathFinding.reason?.contains("answered 404 404 page not found: the endpoint is absent") == true)
        #expect(pathFinding.reason?.contains("proxy-path.unknown-route") == true)
        #expect(pathFinding.exchange?.status == 404 && pathFinding.reproduction?.contains("/model/proxy/") == true)
        #expect(!outcome.report.cases.contains { $0.id == "proxy-path.unknown-route" })
        #expect(ReportHeadline(outcome.report).detail.contains("unsupported: proxy-header, proxy-path"))
        #expect(outcome.report.cases.filter { $0.endpoint != "proxy-path" && $0.endpoint != "proxy-header" }.allSatisfy { $0.verdict == .pass })
    }

    @Test("A server without rerank does not pass the unknown-rerank-model case")
    func noVacuousRefusalPass() async throws {
        let outcome = try await runAgainstMock(MockConfiguration(), removing: ["/v1/rerank"])
        let rerank = outcome.report.cases.filter { $0.endpoint == "rerank" }
        #expect(rerank.map(\.id) == ["rerank.endpoint"])
        #expect(rerank.first?.verdict == .unsupported)
        #expect(!outcome.report.cases.contains { $0.id == "errors.rerank-unknown-model" && $0.verdict == .pass })
    }

    /// Every output of one run counts the same way, and agrees with the exit code: under
    /// `--fail-on must` a should-level failure is reported and not counted anywhere; under
    /// `--fail-on should` it counts everywhere.
    @Test("Terminal headline, report.json, report.md, report.html and junit.xml agree with the exit code", arguments: [FailurePolicy.must, .should])
    func everyOutputCountsAlike(_ failOn: FailurePolicy) async throws {
        let outcome = try await runAgainstMock(MockConfiguration(deviations: [.usageWrongTotal]), removing: [], failingOn: failOn)
        let report = outcome.report
        let uncounted = report.cases.filter { $0.verdict == .fail && !$0.counted }
        let counted = report.cases.filter(\.counted)
        let expectedExit: Int32 = failOn == .must ? 0 : 1
        #expect(outcome.exitCode == expectedExit, "\(counted.map { "\($0.id): \($0.findingsLineForTest)" })")
        #expect(report.cases.contains { $0.verdict == .fail })
        #expect(report.cases.allSatisfy { $0.verdict != .fail || $0.failureLevel == .should })
        #expect(failOn == .must ? (counted.isEmpty && !uncounted.isEmpty) : (!counted.isEmpty && uncounted.isEmpty))

        let headline = ReportHeadline(report)
        #expect(headline.title == (failOn == .must ? "PASSED" : "FAILED"))
        let totals = try JSON(parsing: report.jsonDocument)["totals"]?["all"]
        #expect(totals?["failed"]?.integerValue == Int64(counted.count))
        #expect(totals?["uncounted"]?.integerValue == Int64(uncounted.count))

        let markdown = MarkdownRenderer().render(report)
        #expect(markdown.hasPrefix(failOn == .must ? "# ✅ conform: PASSED" : "# ❌ conform: FAILED"))
        #expect(markdown.contains(failOn == .must ? "## Failures not counted at --fail-on (" : "## Failures ("))

        let html = HTMLRenderer().render(report)
        #expect(html.contains(failOn == .must ? "status-passed" : "status-failed"))

        let junit = try XMLDocument(data: Data(JUnitRenderer().render(report).utf8))
        let root = try #require(junit.rootElement())
        #expect(root.attribute(forName: "failures")?.stringValue == String(counted.count))
        let failures = try junit.nodes(forXPath: "//failure")
        #expect(failures.count == counted.count)
    }

    @Test("Discovery maps the roles of a server whose models have other names, and finds its route ids")
    func discoveryOfRenamedModels() async throws {
        let renamed = MockConfiguration(models: [
            ModelConfiguration(name: "house-llm", kinds: [.chat, .completions, .responses, .messages]),
            ModelConfiguration(name: "vectors-v2", kinds: [.embeddings], routeID: 7, genericProxy: true),
            ModelConfiguration(name: "ranker", kinds: [.rerank]),
            ModelConfiguration(name: "painter", kinds: [.images, .imageEdits]),
            ModelConfiguration(name: "narrator", kinds: [.speech]),
            ModelConfiguration(name: "listener", kinds: [.transcriptions]),
            ModelConfiguration(name: "mirror", kinds: [.echo], routeID: 9, genericProxy: true),
        ])
        let audio = Array(try Data(contentsOf: repositoryRoot.appending(path: "Fixtures/assets/hello-panda.wav")))
        try await EmbeddedMock.run(apiKey: testKey, configuration: renamed) { mock in
            let result = try await TargetDiscovery(baseURL: mock.baseURL, apiKey: testKey, sampleAudio: audio).discover()
            #expect(
                result.target.models == [
                    "chat": "house-llm", "embed": "vectors-v2", "rerank": "ranker", "image": "painter", "speech": "narrator",
                    "transcribe": "listener", "echo": "mirror",
                ])
            #expect(result.target.routes == ["embed": "7", "echo": "9"])
            #expect(result.target.unmapped == nil)
            // What discovery found is what a run then covers: nothing skips.
            let target = try TargetConfiguration(baseURL: mock.baseURL, apiKey: testKey, roles: result.target.roles, deterministic: false)
            let outcome = await SuiteRunner(
                target: target, settings: RunSettings(failOnSkip: true, suiteVersion: "test"), schemas: suiteSchemas
            ).run(repositoryFixtures)
            #expect(outcome.exitCode == 0, "\(outcome.report.cases.filter { $0.verdict != .pass }.map(\.id))")
            #expect(!outcome.report.cases.contains { $0.verdict == .skip })
        }
    }

    @Test("Discovery leaves what nothing answers unmapped, with the reason")
    func discoveryReportsWhatItCannotFind() async throws {
        let chatOnly = MockConfiguration(models: [ModelConfiguration(name: "only-chat", kinds: [.chat])])
        try await EmbeddedMock.run(apiKey: testKey, configuration: chatOnly) { mock in
            let result = try await TargetDiscovery(baseURL: mock.baseURL, apiKey: testKey, sampleAudio: []).discover()
            #expect(result.target.models == ["chat": "only-chat"])
            #expect(result.target.unmapped?["rerank"] == "no model answered a rerank request")
            #expect(result.target.unmapped?["echo"] == "no generic-proxy upstream answers with an echo report")
            #expect(result.target.unmapped?["route.embed"] != nil)
        }
    }

    @Test("--fail-on-skip makes a run with a skipped case fail; without it the headline names the flag that maps the role")
    func skipsCanGateARun() async throws {
        try await EmbeddedMock.run(apiKey: testKey) { mock in
            var roles = mock.roles
            roles.models[.speech] = nil
            let target = try TargetConfiguration(baseURL: mock.baseURL, apiKey: testKey, roles: roles)
            let lenient = await SuiteRunner(target: target, settings: RunSettings(suiteVersion: "test"), schemas: suiteSchemas)
                .run(repositoryFixtures)
            #expect(lenient.exitCode == 0)
            #expect(ReportHeadline(lenient.report).detail.contains("map it with --model speech=NAME"))
            let strict = await SuiteRunner(
                target: target, settings: RunSettings(failOnSkip: true, suiteVersion: "test"), schemas: suiteSchemas
            ).run(repositoryFixtures)
            #expect(strict.exitCode == 1)
            #expect(strict.report.cases.filter(\.counted).allSatisfy { $0.verdict == .skip && $0.unmapped == "model.speech" })
        }
    }

    @Test("--require refuses a run whose mapping leaves a required role open, naming the flag")
    func requiredRoles() throws {
        let mapping = RoleMapping(models: [.chat: "qwen3"], routes: [:])
        #expect(throws: Never.self) { try RoleAssignment.require(["chat"], in: mapping) }
        #expect { try RoleAssignment.require(["embed"], in: mapping) } throws: { error in
            "\(error)" == "--require embed: the role is not mapped; pass --model embed=NAME"
        }
        #expect { try RoleAssignment.require(["route.echo"], in: mapping) } throws: { error in
            "\(error)" == "--require route.echo: the route role is not mapped; pass --route echo=ID"
        }
        #expect { try RoleAssignment.require(["llm"], in: mapping) } throws: { error in "\(error)".contains("not a role") }
    }
}

extension CaseReport {
    var findingsLineForTest: String {
        checks.filter { $0.verdict == .fail }.map { "\($0.name) [\($0.level.rawValue)]: \($0.message ?? "")" }.joined(separator: "; ")
    }
}

