import ConformContract
import ConformJSON
import ConformReport
import ConformTestSupport
import Testing

/// The readiness table: per client, from the cases tagged with it, the same in every format.
@Suite struct ClientReadinessTests {
    @Test func aMustFailureBreaksItsClientsAndAShouldFailureDoesNot() throws {
        let table = ClientReadiness.table(SampleReports.mixed().cases)
        let rag = try #require(table.first { $0.client == .rag })
        #expect(rag.status == .notReady && rag.breaking == ["rerank.documented-example"])
        #expect(rag.verdictText == "not ready: 1 case breaks it")
        let sdk = try #require(table.first { $0.client == .openaiSDK })
        // A should failure, accepted or not, breaks no client; a skipped case is not judged.
        #expect(sdk.status == .ready && sdk.passed == 3 && sdk.unjudged == 1 && sdk.total == 4)
        #expect(sdk.verdictText == "ready (3 of 4 cases; 1 not judged)")
        let streaming = try #require(table.first { $0.client == .openaiSDKStreaming })
        #expect(streaming.status == .untested)
        #expect(table.map(\.client) == [.openaiSDK, .openaiSDKStreaming, .chatAgents, .rag])
    }

    @Test func anAcceptedMustFailureOrAMissingEndpointStillBreaksTheClient() {
        var accepted = SampleReports.failingCase()
        accepted.baselined = true
        accepted.counted = false
        var absent = SampleReports.passingCase(id: "messages.endpoint", endpoint: "messages", clients: [.anthropicSDK])
        absent.verdict = .unsupported
        let table = ClientReadiness.table([accepted, absent])
        #expect(table.map(\.status) == [.notReady, .notReady])
    }

    @Test func everyFormatShowsTheTable() throws {
        let report = SampleReports.mixed()
        let markdown = MarkdownRenderer().render(report)
        #expect(markdown.contains("## Client readiness"))
        #expect(markdown.contains("| RAG stacks | ❌ not ready: 1 case breaks it | <code>rerank.documented-example</code> |"))
        let html = HTMLRenderer().render(report)
        #expect(html.contains("<h2>Client readiness</h2>"))
        #expect(html.contains("<code>rerank.documented-example</code>"))
        let json = report.json
        let rag = try #require(json["readiness"]?.arrayValue?.first { $0["client"] == "rag" })
        #expect(rag["status"] == "not-ready" && rag["breaking"] == ["rerank.documented-example"])
        #expect(try RunReport(json: json) == report)
    }
}
