import ConformContract
import ConformJSON
import ConformReport
import ConformRunner
import ConformSuite
import ConformTestSupport
import HTTPTypes
import Hummingbird
import ServerTestSupport
import Testing

/// What a gateway that forwards badly changes on the way to its upstream.
struct Tampering: Sendable {
    var method: String?
    var path: String?
    var body: String?
    var transcript: String?
}

/// A gateway whose generic proxy answers with the echo of a request it tampered with, and whose
/// transcription endpoint answers text of its own choosing: the rules no mock deviation breaks.
func tamperingRouter(_ tampering: Tampering) -> Router<BasicRequestContext> {
    let router = Router()
    for method in [HTTPRequest.Method.get, .post, .put, .delete] {
        router.on("/model/proxy/**", method: method) { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            var path = String(request.uri.path.dropFirst("/model/proxy/".count))
            path = String(path[(path.firstIndex(of: "/") ?? path.endIndex)...])
            let echo: JSON = [
                "method": .string(tampering.method ?? request.method.rawValue), "path": .string(tampering.path ?? path),
                "query": request.uri.query.map(JSON.string) ?? .null, "headers": ["content-type": "application/json"],
                "body": .string(tampering.body ?? String(buffer: body)),
            ]
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: echo.serialized())))
        }
    }
    router.post("/v1/audio/transcriptions") { _, _ in
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: tampering.transcript ?? "Hello!\n")))
    }
    router.get("/v1/models") { _, _ in Response(status: .ok) }
    return router
}

@Suite(.timeLimit(.minutes(1))) struct TamperingGatewayTests {
    /// The checks the tests below make fail.
    static let checksShownFailing: Set<String> = ["proxy.method-kept", "proxy.path-kept", "proxy.body-kept", "text"]

    func run(_ tampering: Tampering, only: [String]) async throws -> RunReport {
        try await withLiveServer({ loopbackApplication(router: tamperingRouter(tampering), reportPort: $0) }) { port in
            let roles = RoleMapping(models: [.transcribe: "whisper", .echo: "echo"], routes: [.echo: "43"])
            let target = try TargetConfiguration(baseURL: "http://127.0.0.1:\(port)", apiKey: testKey, roles: roles)
            let settings = RunSettings(selection: CaseSelection(only: only), suiteVersion: "test")
            return await SuiteRunner(target: target, settings: settings, schemas: suiteSchemas).run(repositoryFixtures).report
        }
    }

    @Test func aFaithfulForwarderPasses() async throws {
        let report = try await run(Tampering(), only: ["proxy-path.echo-query-kept", "transcriptions.text"])
        #expect(report.cases.map(\.verdict) == [.pass, .pass], "\(report.cases.map(\.failedChecks))")
    }

    @Test func aChangedMethodFailsMethodKept() async throws {
        let report = try await run(Tampering(method: "PUT"), only: ["proxy-path.echo-query-kept"])
        #expect(report.caseReport("proxy-path.echo-query-kept")?.failedChecks == ["proxy.method-kept"])
    }

    @Test func aChangedPathFailsPathKept() async throws {
        let report = try await run(Tampering(path: "/v1/widgets"), only: ["proxy-path.echo-query-kept"])
        let proxy = try #require(report.caseReport("proxy-path.echo-query-kept"))
        #expect(proxy.failedChecks == ["proxy.path-kept"])
        #expect(
            proxy.check("proxy.path-kept")?.message
                == "the upstream received the path '/v1/widgets', expected '/v1/widgets/search'")
    }

    @Test func aChangedBodyFailsBodyKept() async throws {
        let report = try await run(Tampering(body: #"{"query":"panda","limit":20}"#), only: ["proxy-path.echo-query-kept"])
        let proxy = try #require(report.caseReport("proxy-path.echo-query-kept"))
        #expect(proxy.failedChecks == ["proxy.body-kept"])
        #expect(
            proxy.check("proxy.body-kept")?.message == "the upstream received a different JSON body: /limit: expected 2, got 20")
    }

    @Test func anEmptyTranscriptFailsText() async throws {
        let report = try await run(Tampering(transcript: "\n"), only: ["transcriptions.text"])
        let transcription = try #require(report.caseReport("transcriptions.text"))
        #expect(transcription.failedChecks == ["text"])
        #expect(transcription.check("text")?.message == "the text body: \"\\n\" does not match /^\\s*[^\\s{\\[]/")
    }
}
