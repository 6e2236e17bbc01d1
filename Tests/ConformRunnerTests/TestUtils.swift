import ConformContract
import ConformHTTP
import ConformJSON
import ConformReport
import ConformRunner
import ConformSchema
import ConformSuite
import ConformTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import JSONMatching
import ServerTestSupport

/// The key the small test gateway accepts; it must never appear in a report.
let testKey = "gpustack_feedfacecafebeef_0123456789abcdef0123456789abcdef"

/// How the small test gateway misbehaves, one switch per rule it can break.
struct GatewayFaults: Sendable {
    var acceptWithoutKey = false
    var streamWithoutDone = false
    /// Stops sending (without closing) after this many chunks.
    var stallAfterChunks: Int?
    /// Never ends the stream: before the last word, the same chunk at this interval, for ever; at
    /// zero, a hundred chunks at a time as fast as the client takes them.
    var endlessStreamEvery: Duration?
    var dropErrorParam = false
    /// Answers a plain chat completion with an `object` of this many letters, not `chat.completion`.
    var objectNameLength: Int?
}

/// A tiny chat gateway: `GET /v1/models`, `POST /v1/chat/completions` (JSON or SSE), keyed by
/// Bearer, with OpenAI error envelopes, and the faults asked for.
func gatewayRouter(_ faults: GatewayFaults = GatewayFaults()) -> Router<BasicRequestContext> {
    let router = Router()
    router.get("/v1/models") { request, _ in
        if let refusal = refuse(request, faults) { return refusal }
        return json(["object": "list", "data": [["id": "qwen3", "object": "model", "created": 1, "owned_by": "gpustack"]]])
    }
    router.post("/v1/chat/completions") { request, _ in
        if let refusal = refuse(request, faults) { return refusal }
        let body = try await request.body.collect(upTo: 1 << 20)
        guard let parsed = try? JSON(parsing: Array(buffer: body)), let model = parsed["model"]?.stringValue else {
            return error(400, "Missing 'model' field", faults)
        }
        guard model == "qwen3" else { return error(404, "Model not found", faults) }
        guard parsed["stream"] == true else {
            return json([
                "id": "chatcmpl-1", "object": .string(faults.objectNameLength.map { String(repeating: "x", count: $0) } ?? "chat.completion"),
                "created": 1, "model": "qwen3",
                "choices": [
                    ["index": 0, "message": ["role": "assistant", "content": "Hello"], "finish_reason": "stop", "logprobs": nil]
                ],
                "usage": ["prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4],
            ])
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[HTTPField.Name("Server")!] = "test-gateway/1.0"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                let words = ["Hel", "lo", " there"]
                for (index, word) in words.enumerated() {
                    if let stall = faults.stallAfterChunks, index == stall {
                        // Silence for the client, but comments keep telling when it has gone away.
                        for _ in 0..<100 {
                            try await Task.sleep(for: .milliseconds(100))
                            try await writer.write(ByteBuffer(string: ": waiting\n\n"))
                        }
                    }
                    while let interval = faults.endlessStreamEvery, index == words.count - 1 {
                        let more: JSON = [
                            "id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "qwen3",
                            "choices": [["index": 0, "delta": ["content": " more"], "finish_reason": nil]],
                        ]
                        let event = "data: \(more)\n\n"
                        if interval > .zero {
                            try await Task.sleep(for: interval)
                            try await writer.write(ByteBuffer(string: event))
                        } else {
                            // Other tests share the cooperative pool: write in batches and yield.
                            try await writer.write(ByteBuffer(string: String(repeating: event, count: 100)))
                            await Task.yield()
                        }
                    }
                    let reason: JSON = index == words.count - 1 ? "stop" : nil
                    let chunk: JSON = [
                        "id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "qwen3",
                        "choices": [["index": 0, "delta": ["content": .string(word)], "finish_reason": reason]],
                    ]
                    try await writer.write(ByteBuffer(string: "data: \(chunk)\n\n"))
                }
                if !faults.streamWithoutDone { try await writer.write(ByteBuffer(string: "data: [DONE]\n\n")) }
                try await writer.finish(nil)
            })
    }
    return router
}

private func refuse(_ request: Request, _ faults: GatewayFaults) -> Response? {
    if faults.acceptWithoutKey { return nil }
    guard request.headers[.authorization] == "Bearer \(testKey)" else {
        return error(401, "Invalid authentication credentials", faults)
    }
    return nil
}

private func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/json"
    headers[HTTPField.Name("Server")!] = "test-gateway/1.0"
    return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.serialized())))
}

private func error(_ status: Int, _ message: String, _ faults: GatewayFaults) -> Response {
    var envelope: JSONObject = ["message": .string(message), "type": "invalid_request_error", "code": nil]
    if !faults.dropErrorParam { envelope["param"] = nil as JSON }
    return json(["error": .object(envelope)], status: HTTPResponse.Status(code: status))
}

/// Runs `body` with the base URL of a test gateway on a loopback ephemeral port.
func withGateway<Result: Sendable>(
    _ faults: GatewayFaults = GatewayFaults(), _ body: @Sendable (String) async throws -> Result
) async throws -> Result {
    try await withLiveServer({ loopbackApplication(router: gatewayRouter(faults), reportPort: $0) }) { port in
        try await body("http://127.0.0.1:\(port)")
    }
}

/// A schema library without schemas: these tests are about the runner, not shapes.
struct NoSchemas: SchemaLibrary {
    func hasSchema(named name: String) -> Bool { false }
    func violations(of instance: JSON, againstSchemaNamed name: String) -> [JSONMismatch] { [] }
}

/// A fixture built in code.
func fixture(
    _ id: String, endpoint: ContractRow = .chat, level: RequirementLevel = .must, method: String = "POST",
    path: String = "/v1/chat/completions", credentials: CredentialPresentation = .bearer, body: JSON? = nil,
    expectation: Expectation
) -> Fixture {
    Fixture(
        id: id, api: endpoint.api, endpoint: endpoint, summary: "case \(id)", level: level, source: "tests",
        file: "\(endpoint.api.rawValue)/\(endpoint.rawValue)/\(id).json",
        request: FixtureRequest(method: method, path: path, credentials: credentials, body: body.map(FixtureBody.json)),
        expectation: expectation)
}

let chatBody: JSON = ["model": "${model.chat}", "messages": [["role": "user", "content": "Hello!"]]]
let streamBody: JSON = ["model": "${model.chat}", "messages": [["role": "user", "content": "Hello!"]], "stream": true]

/// A small suite over the test gateway: a must chat case, a must stream case, a must auth case
/// and a should error-envelope case.
let gatewayFixtures = FixtureSet(
    fixtures: [
        fixture(
            "chat.basic", body: chatBody,
            expectation: Expectation(
                status: [200], contentTypes: ["application/json"], checks: ["usage.totals-add-up"],
                json: ["object": "chat.completion", "model": "${model.chat}"])),
        fixture(
            "chat.streaming", body: streamBody,
            expectation: Expectation(
                status: [200], contentTypes: ["text/event-stream"], checks: ["stream.openai-grammar"],
                stream: StreamExpectation(maxEventWait: .seconds(2)))),
        fixture(
            "auth.chat-without-key", credentials: .none, body: chatBody,
            expectation: Expectation(status: [401], checks: ["auth.required"])),
        fixture(
            "errors.chat-unknown-model", level: .should, body: ["model": "qwen9", "messages": []],
            expectation: Expectation(
                status: [404], checks: ["error.openai-envelope"])),
    ], digest: "test-digest")

func runner(
    _ baseURL: String, key: String? = testKey, settings: RunSettings = RunSettings(suiteVersion: "test"),
    roles: RoleMapping = .documentedDefaults
) throws -> SuiteRunner {
    let target = try TargetConfiguration(baseURL: baseURL, apiKey: key, roles: roles)
    return SuiteRunner(target: target, settings: settings, schemas: NoSchemas())
}

extension RunReport {
    func caseReport(_ id: String) -> CaseReport? {
        cases.first { $0.id == id }
    }
}

extension CaseReport {
    func check(_ name: String) -> CheckReport? {
        checks.first { $0.name == name }
    }

    /// The names of the checks that failed.
    var failedChecks: [String] {
        checks.filter { $0.verdict == .fail }.map(\.name)
    }
}

/// The repository's schema catalog.
let suiteSchemas: SchemaCatalog = {
    do {
        return try SchemaCatalog(directory: repositoryRoot.appending(path: "Schemas"))
    } catch {
        fatalError("the repository's schemas do not load: \(error)")
    }
}()

extension FixtureSet {
    /// The same fixtures with every stream waiting up to `wait` for each event.
    func waitingForEvents(_ wait: Duration) -> FixtureSet {
        var patient = self
        for index in patient.fixtures.indices where patient.fixtures[index].expectation.stream != nil {
            patient.fixtures[index].expectation.stream = StreamExpectation(maxEventWait: wait)
        }
        return patient
    }
}
