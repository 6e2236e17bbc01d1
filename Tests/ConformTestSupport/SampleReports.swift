import ConformContract
import ConformJSON
import ConformReport

/// Reports shaped like real runs, for the format tests: passes, failures with expected and actual
/// values, accepted failures, skips, errors, and a run that never reached its target.
public enum SampleReports {
    /// The sample runs by name, so parameterised tests print a name rather than a whole report.
    public enum Name: String, CaseIterable, Sendable {
        case mixed
        case unreachable
        case hostile
    }

    public static func named(_ name: Name) -> RunReport {
        switch name {
        case .mixed: mixed()
        case .unreachable: unreachable()
        case .hostile: hostileReport()
        }
    }

    public static let apiKey = "gpustack_0123456789abcdef_SECRET"

    public static let hostileText =
        "]]> <script>alert(\"x\")</script> & 'quoted' \u{0}\u{1}\u{8}\u{B}\u{1F}\u{7F}\u{FFFE} | "
        + "`tick` *star* _under_ [link](http://evil.example/)"

    public static func target() -> TargetDescription {
        TargetDescription(
            baseURL: "http://127.0.0.1:18080", embeddedMock: false, deterministic: false,
            serverHeaders: [ReportHeader(name: "server", value: "uvicorn")],
            models: ["chat": "qwen3", "rerank": "bge-reranker-v2-m3", "embed": "bge-m3"], routes: ["embed": "42"])
    }

    public static func options() -> RunOptionsRecord {
        RunOptionsRecord(
            level: .should, failOn: .must, only: ["rerank.*", "chat.*"], concurrency: 4, timeoutSeconds: 30,
            baseline: "baseline.json")
    }

    public static func exchange(status: Int = 200, body: String = #"{"results":[]}"#) -> ExchangeRecord {
        ExchangeRecord(
            method: "POST", url: "http://127.0.0.1:18080/v1/rerank",
            requestHeaders: [
                ReportHeader(name: "Authorization", value: "Bearer $GPUSTACK_API_KEY"),
                ReportHeader(name: "Content-Type", value: "application/json"),
            ],
            requestBody: #"{"model":"bge-reranker-v2-m3","query":"What is a panda?","top_n":3}"#, status: status,
            responseHeaders: [ReportHeader(name: "content-type", value: "application/json")], responseBody: body,
            responseBodyTruncated: false, stream: nil, connectMilliseconds: 0.4, firstByteMilliseconds: 3.25,
            totalMilliseconds: 3.5)
    }

    public static let reproduction = """
        curl -sS -X POST 'http://127.0.0.1:18080/v1/rerank' -H "Authorization: Bearer $GPUSTACK_API_KEY" \
        -H 'Content-Type: application/json' --data-raw '{"model":"bge-reranker-v2-m3"}'
        """

    public static func passingCase(id: String = "rerank.top-n", endpoint: String = "rerank", clients: [ClientProfile] = [.rag]) -> CaseReport {
        CaseReport(
            id: id, endpoint: endpoint, api: "jina", summary: "top_n limits the results", level: .must,
            source: "GPUStack docs, Jina-Compatible Rerank API", clients: clients, fixture: "jina/rerank/top-n.json", verdict: .pass,
            checks: [
                CheckReport(name: "status", level: .must, verdict: .pass),
                CheckReport(name: "schema", level: .must, verdict: .pass),
                CheckReport(name: "rerank.top-n", level: .must, verdict: .pass),
            ],
            exchange: exchange(), reproduction: reproduction, durationMilliseconds: 3.5)
    }

    public static func failingCase() -> CaseReport {
        CaseReport(
            id: "rerank.documented-example", endpoint: "rerank", api: "jina",
            summary: "The documented panda example comes back ordered 2, 1, 0", level: .must,
            source: "GPUStack docs, Jina-Compatible Rerank API", clients: [.rag], fixture: "jina/rerank/documented-example.json",
            verdict: .fail,
            failureLevel: .must, counted: true,
            checks: [
                CheckReport(name: "status", level: .must, verdict: .pass),
                CheckReport(
                    name: "rerank.sorted-desc", level: .must, verdict: .fail,
                    message: "results are not sorted by relevance_score: /results/1 (0.9) follows /results/0 (0.1)",
                    expected: ["results": [["index": 2], ["index": 1], ["index": 0]]],
                    actual: ["results": [["index": 0, "relevance_score": 0.1], ["index": 1, "relevance_score": 0.9]]]),
                CheckReport(
                    name: "json", level: .must, verdict: .fail, message: "/results/0/index: expected 2, got 0", expected: 2,
                    actual: 0),
            ],
            exchange: exchange(body: #"{"results":[{"index":0,"relevance_score":0.1},{"index":1,"relevance_score":0.9}]}"#),
            reproduction: reproduction, durationMilliseconds: 12.25)
    }

    public static func baselinedCase() -> CaseReport {
        CaseReport(
            id: "chat.error-envelope", endpoint: "chat", api: "openai", summary: "Errors use the OpenAI envelope",
            level: .should, source: "OpenAI API reference, Error codes", clients: [.openaiSDK], fixture: "openai/chat/error-envelope.json",
            verdict: .fail, failureLevel: .should, baselined: true,
            checks: [
                CheckReport(
                    name: "error.openai-envelope", level: .should, verdict: .fail, message: "missing /error/param",
                    expected: ["error": ["message": ["$type": "string"], "param": nil]], actual: ["error": ["message": "bad"]],
                    baselined: true, baselineReason: "GPUStack 2.x omits param; tracked upstream")
            ],
            exchange: exchange(status: 400, body: #"{"error":{"message":"bad"}}"#), reproduction: reproduction,
            durationMilliseconds: 2)
    }

    public static func skippedCase() -> CaseReport {
        CaseReport(
            id: "speech.wav", endpoint: "speech", api: "openai", summary: "Speech comes back as WAV", level: .must,
            source: "GPUStack docs, Speech", clients: [.openaiSDK], fixture: "openai/speech/wav.json", verdict: .skip,
            reason: "${model.speech} is not mapped on this target: pass --model speech=NAME", unmapped: "model.speech")
    }

    /// A must case failing only a should-level check: under --fail-on must it does not count.
    public static func uncountedCase() -> CaseReport {
        CaseReport(
            id: "chat.basic-nullable", endpoint: "chat", api: "openai", summary: "A chat completion carries every spec member",
            level: .must, source: "OpenAI OpenAPI spec", clients: [.openaiSDK, .chatAgents], fixture: "openai/chat/basic.json",
            verdict: .fail, failureLevel: .should,
            checks: [
                CheckReport(name: "status", level: .must, verdict: .pass),
                CheckReport(
                    name: "schema.letter", level: .should, verdict: .fail,
                    message: "the body violates openai/chat-completion: /choices/0: required property \"logprobs\" is missing"),
            ],
            exchange: exchange(), reproduction: reproduction, durationMilliseconds: 4)
    }

    public static func erroredCase() -> CaseReport {
        var exchange = exchange()
        exchange.status = nil
        exchange.responseHeaders = []
        exchange.responseBody = nil
        exchange.transportError = "timed out after 30 s waiting for the first byte"
        return CaseReport(
            id: "chat.stream-usage", endpoint: "chat", api: "openai", summary: "Streams end with a usage chunk",
            level: .should, source: "OpenAI API reference, stream_options", clients: [.openaiSDKStreaming],
            fixture: "openai/chat/stream-usage.json",
            verdict: .error, reason: "timed out after 30 s waiting for the first byte",
            checks: [CheckReport(name: "stream.openai-grammar", level: .should, verdict: .error, message: "no events arrived")],
            exchange: exchange, reproduction: reproduction, durationMilliseconds: 30_000)
    }

    /// A run with every kind of result.
    public static func mixed() -> RunReport {
        RunReport(
            suiteVersion: "0.1.0", fixtureDigest: "sha256:3f1c0d", target: target(), options: options(),
            startedAt: "2026-11-21T23:11:11Z", finishedAt: "2026-11-21T23:11:42.500Z", durationMilliseconds: 31_500,
            outcome: RunOutcome(status: .failed, exitCode: 1, message: "1 case counts against the run at --fail-on must"),
            cases: [
                passingCase(), failingCase(), baselinedCase(), skippedCase(), erroredCase(),
                passingCase(id: "chat.basic", endpoint: "chat", clients: [.openaiSDK, .chatAgents]), uncountedCase(),
            ])
    }

    /// A run whose target refused connections: no case ran.
    public static func unreachable() -> RunReport {
        RunReport(
            suiteVersion: "0.1.0", fixtureDigest: "sha256:3f1c0d",
            target: TargetDescription(baseURL: "http://127.0.0.1:9", embeddedMock: false, deterministic: false),
            options: options(), startedAt: "2026-11-21T23:11:11Z", finishedAt: "2026-11-21T23:11:11Z",
            outcome: RunOutcome(status: .error, exitCode: 2, message: "cannot connect to http://127.0.0.1:9: connection refused"),
            cases: [])
    }

    /// A run in which hostile text stands in every field a server or fixture can influence.
    public static func hostileReport() -> RunReport {
        var report = mixed()
        report.target.serverHeaders.append(ReportHeader(name: "x-evil", value: hostileText))
        for index in report.cases.indices {
            report.cases[index].summary = hostileText
            report.cases[index].reason = report.cases[index].reason.map { $0 + hostileText }
            report.cases[index].exchange?.responseBody = "<script>alert(1)</script>" + hostileText
            for check in report.cases[index].checks.indices where report.cases[index].checks[check].verdict != .pass {
                report.cases[index].checks[check].message = hostileText
                report.cases[index].checks[check].actual = .string(hostileText)
            }
        }
        report.cases[1].id = "rerank.<b>bold</b>]]>"
        return report
    }
}
