import ConformContract
import ConformReport
import ConformRunner
import ConformSuite
import Foundation
import MockProvider
import Testing

/// The repository's fixtures, loaded once.
let repositoryRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let repositoryFixtures: FixtureSet = {
    do {
        return try FixtureLoader(directory: repositoryRoot.appending(path: "Fixtures"), schemas: suiteSchemas).load()
    } catch {
        fatalError("the repository's fixtures do not load: \(error)")
    }
}()

/// Runs the repository's fixtures against the embedded mock with `configuration`.
func runAgainstMock(
    _ configuration: MockConfiguration = MockConfiguration(), only: [String] = [], golden: Bool = true,
    failOn: FailurePolicy = .must
) async throws -> SuiteOutcome {
    try await EmbeddedMock.run(apiKey: testKey, configuration: configuration) { mock in
        let target = try TargetConfiguration(
            baseURL: mock.baseURL, apiKey: testKey, roles: mock.roles, deterministic: golden, embeddedMock: true)
        let settings = RunSettings(selection: CaseSelection(only: only), failurePolicy: failOn, suiteVersion: "test")
        return await SuiteRunner(target: target, settings: settings, schemas: suiteSchemas).run(repositoryFixtures)
    }
}

@Suite(.serialized, .timeLimit(.minutes(2))) struct MockRunTests {
    @Test func theCleanMockPassesEveryCaseWithItsGolden() async throws {
        let outcome = try await runAgainstMock(failOn: .any)
        let failing = outcome.report.cases.filter { $0.verdict != .pass }
        #expect(failing.isEmpty, "\(failing.map { "\($0.id): \($0.checks.filter { $0.verdict != .pass })" })")
        #expect(outcome.report.cases.count == repositoryFixtures.fixtures.count)
        #expect(outcome.exitCode == 0)
        let goldenChecked = outcome.report.cases.filter { $0.checks.contains { $0.name == "golden" && $0.verdict == .pass } }
        #expect(goldenChecked.count == repositoryFixtures.fixtures.filter { $0.golden != nil }.count)
    }

    /// Against its emulated quirks the suite fails exactly where GPUStack 2.3.0 breaks a client:
    /// its re-framed Responses stream (event: and data: in separate blocks, which the openai SDK
    /// cannot parse) fails at must; the quirks that depart only from the letter of the upstream
    /// specifications (its error shapes) are reported at should, not counted.
    @Test func againstGPUStacksQuirksOnlyTheReframedResponsesStreamCounts() async throws {
        let outcome = try await runAgainstMock(MockConfiguration(emulation: .gpustack), golden: false)
        #expect(outcome.exitCode == 1)
        let counted = outcome.report.cases.filter(\.counted)
        let responsesStreams = repositoryFixtures.fixtures.filter { $0.endpoint == .responses && $0.expectation.stream != nil }
        #expect(counted.map(\.id) == responsesStreams.map(\.id))
        for failure in counted {
            #expect(failure.failedChecks.first == "stream.responses-sequence", "\(failure.id): \(failure.failedChecks)")
            #expect(failure.check("stream.responses-sequence")?.message?.contains("must share one block") == true)
        }
        let uncounted = outcome.report.cases.filter { $0.verdict == .fail && !$0.counted }
        #expect(uncounted.allSatisfy { $0.failureLevel == .should }, "\(uncounted.map(\.id))")
        #expect(Set(uncounted.flatMap(\.failedChecks)) == ["error.openai-envelope", "error.anthropic-envelope"])
        #expect(uncounted.allSatisfy { $0.id.hasPrefix("errors.") })
    }

    @Test func goldensThatDriftFromTheMockFail() async throws {
        let outcome = try await runAgainstMock(MockConfiguration(seed: 7), only: ["chat.basic", "rerank.documented-example"])
        let chat = try #require(outcome.report.caseReport("chat.basic"))
        #expect(chat.failedChecks == ["golden"])
        #expect(chat.check("golden")?.message?.hasPrefix("differs from openai/chat/basic.golden.json: ") == true)
        #expect(outcome.exitCode == 1)
    }

    @Test func theKeyAppearsInNoCaseOfAFullRun() async throws {
        let outcome = try await runAgainstMock(MockConfiguration(deviations: [.proxyLeakAuth]), golden: false)
        #expect(!String(reflecting: outcome.report).contains(testKey))
    }
}

/// Each deviation of the mock breaks one rule; the check that enforces it must fail, in the case
/// that exercises it.
@Suite(.serialized, .timeLimit(.minutes(2))) struct MockDeviationTests {
    static let expectations: [(Deviation, String, String)] = [
        (.chatDropCreated, "chat.basic", "schema.letter"),
        (.chatDropCreated, "chat.documented-stream", "schema.letter"),
        (.chatDropNullableKeys, "chat.basic", "schema.letter"),
        (.rerankDocumentsAlways, "rerank.return-documents-false", "rerank.documents-echoed"),
        (.anthropicStreamUnnamed, "messages.streaming", "stream.anthropic-lifecycle"),
        (.anthropicStreamAsJSON, "messages.streaming", "stream.anthropic-lifecycle"),
        (.messagesXAPIKeyRefused, "messages.x-api-key", "status"),
        (.responsesStreamNoCompleted, "responses.streaming", "stream.responses-sequence"),
        (.embeddingsBase64Ignored, "embeddings.base64", "embeddings.base64-float32"),
        (.embeddingsBase64Ignored, "embeddings.base64", "schema"),
        (.transcriptionTextAsJSON, "transcriptions.text", "text"),
        (.unknownModelServerError, "errors.chat-unknown-model", "status"),
        (.rerankUnsorted, "rerank.documented-example", "rerank.sorted-desc"),
        (.rerankUnsorted, "rerank.documented-example", "json"),
        (.rerankIgnoreTopN, "rerank.top-n-smaller", "rerank.top-n"),
        (.rerankDropDocuments, "rerank.documented-example", "rerank.documents-echoed"),
        (.rerankBadIndex, "rerank.documented-example", "rerank.indices-valid"),
        (.openAIStreamNoDone, "chat.documented-stream", "stream.openai-grammar"),
        (.openAIStreamNoUsageChunk, "chat.stream-include-usage", "stream.openai-grammar"),
        (.anthropicStreamNoMessageStop, "messages.streaming", "stream.anthropic-lifecycle"),
        (.responsesSequenceRepeats, "responses.streaming", "stream.responses-sequence"),
        (.authDisabled, "auth.chat-without-key", "auth.required"),
        (.authDisabled, "auth.embeddings-wrong-x-api-key", "auth.required"),
        (.proxyDropQuery, "proxy-path.echo-query-kept", "proxy.query-kept"),
        (.proxyLeakAuth, "proxy-path.client-key-stripped", "proxy.client-key-stripped"),
        (.embeddingsDropOne, "embeddings.batch", "embeddings.count-matches"),
        (.embeddingsBase64Float64, "embeddings.base64", "embeddings.base64-float32"),
        (.usageWrongTotal, "chat.basic", "usage.totals-add-up"),
        (.errorEnvelopePartial, "errors.chat-unknown-model", "error.openai-envelope"),
        (.anthropicErrorOpenAIShape, "errors.messages-unknown-model", "error.anthropic-envelope"),
        (.imageCorruptPNG, "images.generate-b64", "image.valid-png"),
        (.speechCorruptWAV, "speech.wav", "audio.valid-container"),
        (.jsonAsTextPlain, "chat.basic", "content-type"),
        (.unknownModelOK, "errors.chat-unknown-model", "status"),
        (.toolsDropped, "chat.tool-call", "chat.tool-calls"),
        (.toolsDropped, "responses.function-call", "responses.function-calls"),
        (.toolCallDeltasWithoutIndex, "chat.tool-call-streamed", "chat.tool-calls"),
        (.toolCallArgumentsTruncated, "chat.tool-call", "chat.tool-calls"),
        (.anthropicToolUseAsText, "messages.tool-use", "messages.tool-use"),
        (.anthropicToolInputAsTextDelta, "messages.tool-use-streamed", "messages.tool-use"),
        (.anthropicMessageDeltaNoUsage, "messages.streaming", "stream.anthropic-lifecycle"),
        (.responsesFunctionCallAsMessage, "responses.function-call", "responses.function-calls"),
        (.responseFormatIgnored, "chat.json-schema", "output.structured"),
        (.responseFormatIgnored, "responses.json-schema", "output.structured"),
        (.nIgnored, "chat.n-choices", "choices.n"),
        (.nIgnored, "completions.batch-n", "choices.n"),
        (.stopIgnored, "chat.stop-sequence", "output.stop-sequences"),
        (.stopIgnored, "messages.stop-sequences", "output.stop-sequences"),
        (.maxTokensIgnored, "chat.max-completion-tokens", "output.token-limit"),
        (.maxTokensIgnored, "messages.max-tokens-reached", "output.token-limit"),
        (.maxTokensIgnored, "responses.max-output-tokens", "output.token-limit"),
        (.logprobsIgnored, "chat.logprobs", "chat.logprobs"),
        (.dimensionsIgnored, "embeddings.dimensions", "embeddings.dimensions"),
        (.streamRoleMissing, "chat.documented-stream", "stream.chat-role"),
        (.streamBuffered, "proxy-path.stream-relayed", "stream.incremental"),
        (.errorTypeNone, "errors.chat-unknown-model", "error.openai-envelope"),
        (.bearerCaseSensitive, "auth.chat-bearer-lowercase", "status"),
        (.proxyHeaderFormNeedsBody, "proxy-header.get-without-body", "status"),
        (.proxyHeadersDropped, "proxy-path.headers-kept", "proxy.headers-kept"),
        (.proxyBytesReencoded, "proxy-path.bytes-relayed", "proxy.bytes-relayed"),
        (.proxyUpstreamErrorsMasked, "proxy-path.status-relayed", "status"),
        (.proxyResponseHeadersDropped, "proxy-path.headers-kept", "headers"),
    ]

    @Test(arguments: expectations.indices)
    func theDeviationFailsItsCheck(_ index: Int) async throws {
        let (deviation, caseID, check) = Self.expectations[index]
        let outcome = try await runAgainstMock(MockConfiguration(deviations: [deviation]), only: [caseID], golden: false)
        let report = try #require(outcome.report.caseReport(caseID))
        #expect(report.verdict == .fail, "--deviate \(deviation.rawValue)")
        #expect(report.failedChecks.contains(check), "--deviate \(deviation.rawValue): \(caseID) failed \(report.failedChecks)")
        let message = report.check(check)?.message ?? ""
        #expect(!message.isEmpty, "\(check) says nothing about what is wrong")
    }

    /// A check no test makes fail could be one that never fails: every check in the catalog is
    /// shown failing against a deviating mock, the tampering gateway, or drifted goldens.
    @Test func everyCheckIsShownFailingSomewhere() {
        let shown = Set(Self.expectations.map(\.2)).union(TamperingGatewayTests.checksShownFailing).union(["golden"])
        let never = CheckCatalog.standard.names.filter { !shown.contains($0) }
        #expect(never.isEmpty, "no test makes these checks fail: \(never)")
    }

    /// The verdict a CI gate sees: a default run (`--fail-on must`, every role the mock serves)
    /// fails on every deviation that breaks a client or a documented rule, and passes, with the
    /// failure reported as not counted, on one that breaks only the letter of a specification.
    @Test(arguments: Deviation.allCases)
    func aDefaultRunFailsExactlyOnMustDeviations(_ deviation: Deviation) async throws {
        let outcome = try await runAgainstMock(MockConfiguration(deviations: [deviation]), golden: false)
        let counted = outcome.report.cases.filter(\.counted)
        let uncounted = outcome.report.cases.filter { $0.verdict == .fail && !$0.counted }
        switch deviation.level {
        case .must:
            #expect(outcome.exitCode == 1, "--deviate \(deviation.rawValue) passed a default run")
            #expect(counted.allSatisfy { $0.failureLevel == .must })
        case .should:
            #expect(outcome.exitCode == 0, "--deviate \(deviation.rawValue) failed a default run: \(counted.map(\.id))")
            #expect(!uncounted.isEmpty, "--deviate \(deviation.rawValue) went unreported")
        }
    }

    @Test func everyDeviationIsCaughtBySomeCheck() {
        let covered = Set(Self.expectations.map(\.0.rawValue))
        let uncovered = Deviation.allCases.filter { !covered.contains($0.rawValue) }
        #expect(uncovered.isEmpty, "\(uncovered)")
    }
}
