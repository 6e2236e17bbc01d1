import ConformHTTP
import ConformJSON
import ConformSchema
import Foundation
import HTTPWire
import MockProvider
import Testing
import Workers

/// What app developers drive the mock with, over real HTTP: the journal, stubs rendered in each
/// endpoint's shape, sequences, faults, and the operational endpoints.
@Suite("Scripting the mock", .timeLimit(.minutes(2)))
struct ScriptingTests {
    static func admin(_ stubs: [Stub] = [], key: String? = nil) -> MockConfiguration {
        var configuration = MockConfiguration()
        configuration.admin = AdminSettings(key: key)
        configuration.stubs = stubs
        return configuration
    }

    static let user: JSON = [["role": "user", "content": "What is the weather in Paris?"]]

    @Test("The journal records each request with its model, status and timings, keys masked; queries filter, DELETE forgets")
    func journal() async throws {
        try await withMock(Self.admin()) { client in
            _ = try await client.send("POST", "/v1/chat/completions", json: helloChat)
            _ = try await client.send("POST", "/v1/embeddings", json: ["model": "bge-m3", "input": "x"])
            _ = try await client.send("POST", "/v1/chat/completions", json: ["model": "nope", "messages": Self.user])
            let all = try await client.send("GET", "/__conform/journal", headers: [:]).json()["entries"]?.arrayValue ?? []
            #expect(all.count == 3)
            let first = try #require(all.first)
            #expect(first["method"] == "POST" && first["path"] == "/v1/chat/completions" && first["model"] == "qwen3")
            #expect(first["status"] == 200 && (first["responseBytes"]?.integerValue ?? 0) > 0)
            #expect(first["headers"]?["authorization"] == "Bearer ****")
            #expect(first["json"]?["messages"]?[0]?["content"] == "Hello!")
            let refused = try await client.send("GET", "/__conform/journal?status=404", headers: [:]).json()["entries"]?.arrayValue
            #expect(refused?.count == 1 && refused?.first?["model"] == "nope")
            let embeddings = try await client.send("GET", "/__conform/journal?path=/v1/emb*", headers: [:]).json()["entries"]?.arrayValue
            #expect(embeddings?.count == 1)
            let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let schema = try SchemaCatalog(directory: root.appending(path: "Schemas")).schema(named: "mock/journal")
            let document = try await client.send("GET", "/__conform/journal", headers: [:]).json()
            #expect(schema.validate(document).isEmpty, "\(schema.validate(document))")
            let deleted = try await client.send("DELETE", "/__conform/journal", headers: [:]).status
            #expect(deleted == 204)
            let after = try await client.send("GET", "/__conform/journal", headers: [:]).json()["entries"]?.arrayValue
            #expect(after?.isEmpty == true)
        }
    }

    @Test("A stub file is read strictly, naming the member at fault, and its schema agrees")
    func stubFiles() throws {
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let examples = try JSONParser().parse(Array(try Data(contentsOf: root.appending(path: "Tests/SchemaFilesTests/Examples/mock/stubs.json"))))
        let valid = try #require(examples["valid"]?[0]?["instance"])
        let stubs = try StubFile.parse(valid.serialized(), file: "stubs.json")
        #expect(stubs.map(\.id) == ["weather", "flaky", "0001-POST-v1-chat-completions"])
        #expect(stubs[1].respond.count == 2 && stubs[1].times == 2)
        #expect {
            _ = try StubFile.parse(Array(#"{"stubs": [{"id": "a", "respond": {"txt": "hi"}}]}"#.utf8), file: "stubs.json")
        } throws: { error in
            (error as? StubFileError)?.description.hasPrefix("stubs.json: /stubs/0/respond") == true
        }
        #expect {
            _ = try StubFile.parse(Array(#"{"stubs": [{"id": "a", "respond": {"text": "x"}}, {"id": "a", "respond": {"text": "y"}}]}"#.utf8), file: "s.json")
        } throws: { error in (error as? StubFileError)?.pointer == "/stubs/1/id" }
    }

    @Test("The admin API needs its key when one is set, and is absent when off")
    func adminKey() async throws {
        try await withMock(Self.admin(key: "adm1n")) { client in
            let status1 = try await client.send("GET", "/__conform/journal", headers: [:]).status
            #expect(status1 == 401)
            let status2 = try await client.send("GET", "/__conform/journal", headers: ["Authorization": "Bearer adm1n"]).status
            #expect(status2 == 200)
            let status3 = try await client.send("GET", "/__conform/stubs", headers: ["X-Conform-Admin-Key": "adm1n"]).status
            #expect(status3 == 200)
        }
        try await withMock { client in
            let status4 = try await client.send("GET", "/__conform/journal", headers: [:]).status
            #expect(status4 == 404)
        }
    }

    static let weatherCall = Stub(
        id: "weather", match: StubMatch(headers: ["X-Scenario": "weather"]),
        respond: [StubAnswer(toolCalls: [ScriptedReply.ToolCall(name: "get_weather", arguments: ["city": "Paris"])])])
    static let greeting = Stub(id: "greeting", match: StubMatch(model: "qwen3"), respond: [StubAnswer(text: "Bonjour, le monde.")])

    @Test("A stubbed text comes back in each endpoint's own shape, plain and streamed, with usage counted from it")
    func textInEveryShape() async throws {
        try await withMock(Self.admin([Self.greeting])) { client in
            let chat = try await client.send("POST", "/v1/chat/completions", json: helloChat).json()
            #expect(chat["choices"]?[0]?["message"]?["content"] == "Bonjour, le monde.")
            #expect(chat["usage"]?["completion_tokens"] == .integer(Int64(TokenCounter.count("Bonjour, le monde."))))
            var streamed = helloChat
            streamed["stream"] = true
            let (chunks, _) = try await client.stream("/v1/chat/completions", json: streamed)
            let joined = chunks.compactMap { try? JSON(parsing: $0.data) }.compactMap { $0["choices"]?[0]?["delta"]?["content"]?.stringValue }.joined()
            #expect(joined == "Bonjour, le monde.")
            let completion = try await client.send("POST", "/v1/completions", json: ["model": "qwen3", "prompt": "Hi"]).json()
            #expect(completion["choices"]?[0]?["text"] == "Bonjour, le monde.")
            let response = try await client.send("POST", "/v1/responses", json: ["model": "qwen3", "input": "Hi"]).json()
            #expect(response["output"]?[0]?["content"]?[0]?["text"] == "Bonjour, le monde.")
            let message = try await client.send(
                "POST", "/v1/messages", json: ["model": "qwen3", "max_tokens": 64, "messages": [["role": "user", "content": "Hi"]]]
            ).json()
            #expect(message["content"]?[0]?["text"] == "Bonjour, le monde." && message["stop_reason"] == "end_turn")
            let (events, _) = try await client.stream(
                "/v1/messages", json: ["model": "qwen3", "max_tokens": 64, "stream": true, "messages": [["role": "user", "content": "Hi"]]])
            let text = events.compactMap { try? JSON(parsing: $0.data) }.compactMap { $0["delta"]?["text"]?.stringValue }.joined()
            #expect(text == "Bonjour, le monde.")
            let cut = try await client.send("POST", "/v1/chat/completions", json: ["model": "qwen3", "messages": Self.user, "max_tokens": 3]).json()
            #expect(cut["choices"]?[0]?["finish_reason"] == "length" && cut["choices"]?[0]?["message"]?["content"] == "Bonjour,")
        }
    }

    @Test("A stubbed tool call becomes a chat tool call, an Anthropic tool_use and a Responses function_call, streamed too")
    func toolCallInEveryShape() async throws {
        try await withMock(Self.admin([Self.weatherCall])) { plain in
            let client = ScenarioClient(client: plain, scenario: "weather")
            let chat = try await client.send("POST", "/v1/chat/completions", json: ["model": "qwen3", "messages": Self.user]).json()
            let call = chat["choices"]?[0]?["message"]?["tool_calls"]?[0]
            #expect(call?["function"]?["name"] == "get_weather" && call?["function"]?["arguments"] == #"{"city":"Paris"}"#)
            #expect(chat["choices"]?[0]?["finish_reason"] == "tool_calls")
            let message = try await client.send(
                "POST", "/v1/messages", json: ["model": "qwen3", "max_tokens": 64, "messages": Self.user]
            ).json()
            #expect(message["content"]?[0]?["type"] == "tool_use" && message["content"]?[0]?["input"] == ["city": "Paris"])
            #expect(message["stop_reason"] == "tool_use")
            let response = try await client.send(
                "POST", "/v1/responses", json: ["model": "qwen3", "input": [["role": "user", "content": "What is the weather in Paris?"]]]
            ).json()
            #expect(response["output"]?[0]?["type"] == "function_call" && response["output"]?[0]?["name"] == "get_weather")
            let (events, _) = try await client.stream("/v1/messages", json: ["model": "qwen3", "max_tokens": 64, "stream": true, "messages": Self.user])
            let pieces = events.compactMap { try? JSON(parsing: $0.data) }.compactMap { $0["delta"]?["partial_json"]?.stringValue }.joined()
            #expect(pieces == #"{"city":"Paris"}"#)
            // A request the stub does not match is generated as usual.
            let other = try await plain.send("POST", "/v1/chat/completions", json: helloChat).json()
            #expect(other["choices"]?[0]?["message"]?["tool_calls"] == nil)
        }
    }

    @Test("A sequence answers 429 first and then as usual; times ends a stub; the admin API adds, lists and removes stubs")
    func sequencesAndAdmin() async throws {
        try await withMock(Self.admin()) { client in
            let stub: JSON = [
                "id": "flaky", "match": ["path": "/v1/embeddings"], "times": 2,
                "respond": [["fault": ["status": 429, "retryAfter": 2]], ["passThrough": true]],
            ]
            #expect(try await client.send("POST", "/__conform/stubs", json: stub, headers: [:]).status == 201)
            let body: JSON = ["model": "bge-m3", "input": "x"]
            let limited = try await client.send("POST", "/v1/embeddings", json: body)
            #expect(limited.status == 429 && limited.headers["retry-after"] == "2")
            #expect(try limited.json()["error"]?["type"] == "rate_limit_exceeded")
            #expect(try await client.send("POST", "/v1/embeddings", json: body).status == 200)
            #expect(try await client.send("POST", "/v1/embeddings", json: body).status == 200)
            let listing = try await client.send("GET", "/__conform/stubs", headers: [:]).json()
            #expect(listing["stubs"]?[0]?["uses"] == 2)
            let journal = try await client.send("GET", "/__conform/journal?stub=flaky", headers: [:]).json()["entries"]?.arrayValue
            #expect(journal?.count == 2 && journal?.first?["fault"] == "status 429 retry-after 2")
            #expect(try await client.send("DELETE", "/__conform/stubs/flaky", headers: [:]).status == 204)
            #expect(try await client.send("DELETE", "/__conform/stubs/flaky", headers: [:]).status == 404)
            let bad = try await client.send("POST", "/__conform/stubs", json: ["id": "x", "respond": ["txt": "hi"]], headers: [:])
            #expect(bad.status == 400)
            #expect(try bad.json()["error"]?["message"]?.stringValue?.contains("/respond/txt") == true)
        }
    }

    @Test("Faults by header: a status with the path's envelope, latency, a slow first token, a cut stream, a malformed event, a reset")
    func faults() async throws {
        try await withMock { client in
            let busy = try await client.send(
                "POST", "/v1/messages", json: ["model": "qwen3", "max_tokens": 8, "messages": Self.user],
                headers: ["Authorization": "Bearer \(MockClient.key)", Fault.headerName: #"{"status": 529, "retryAfter": 1}"#])
            #expect(busy.status == 529 && busy.headers["retry-after"] == "1")
            #expect(try busy.json()["type"] == "error")
            let unauthorized = try await client.send("POST", "/v1/chat/completions", json: helloChat, headers: [Fault.headerName: "503"])
            #expect(unauthorized.status == 401)
            var streamed = helloChat
            streamed["stream"] = true
            let started = ContinuousClock.now
            let delayed = try await client.send(
                "POST", "/v1/chat/completions", json: helloChat,
                headers: ["Authorization": "Bearer \(MockClient.key)", Fault.headerName: #"{"delayMs": 300}"#])
            #expect(delayed.status == 200 && started.duration(to: .now) >= .milliseconds(300))
            let slow = try await Self.openStream(client, streamed, fault: #"{"firstTokenDelayMs": 400}"#)
            // The role chunk comes at once; the first token waits.
            #expect(slow.arrivals.count > 2 && slow.arrivals[1] >= .milliseconds(400))
            let cut = try await Self.openStream(client, streamed, fault: #"{"cutAfterEvents": 3}"#)
            #expect(cut.events.count == 3 && cut.error != nil)
            let malformed = try await Self.openStream(client, streamed, fault: #"{"malformedEventAfter": 2}"#)
            #expect(malformed.events.count == 3 && malformed.events.last?.data.hasPrefix(#"{"truncated""#) == true)
            await #expect(throws: TransportError.self) {
                _ = try await client.send(
                    "POST", "/v1/chat/completions", json: helloChat,
                    headers: ["Authorization": "Bearer \(MockClient.key)", Fault.headerName: #"{"reset": true}"#])
            }
            let nonsense = try await client.send(
                "POST", "/v1/chat/completions", json: helloChat, headers: ["Authorization": "Bearer \(MockClient.key)", Fault.headerName: "teapot"])
            #expect(nonsense.status == 400)
        }
    }

    static func openStream(
        _ client: MockClient, _ body: JSON, fault: String
    ) async throws -> (events: [ServerSentEvent], arrivals: [Duration], error: TransportError?) {
        let stream = try await client.transport.openEventStream(
            OutgoingRequest(
                method: "POST", url: client.baseURL + "/v1/chat/completions",
                headers: ["Authorization": "Bearer \(MockClient.key)", Fault.headerName: fault], body: .json(body)))
        var events: [ServerSentEvent] = []
        var arrivals: [Duration] = []
        var error: TransportError?
        for await item in stream {
            switch item {
            case .event(let event, let at):
                events.append(event)
                arrivals.append(at)
            case .comment: break
            case .finished(let summary): error = summary.error
            }
        }
        return (events, arrivals, error)
    }

    @Test("Configured faults fire by their seeded probability on the requests they match")
    func configuredFaults() async throws {
        var configuration = MockConfiguration()
        configuration.faults = [ConfiguredFault(match: StubMatch(path: "/v1/rerank"), probability: 1, fault: Fault(status: 503, retryAfter: 3))]
        try await withMock(configuration) { client in
            let refused = try await client.send("POST", "/v1/rerank", json: pandaRequest)
            #expect(refused.status == 503 && refused.headers["retry-after"] == "3")
            #expect(try await client.send("POST", "/v1/chat/completions", json: helloChat).status == 200)
        }
    }

    @Test("Health, one model by id, Prometheus metrics, and --any-model")
    func operational() async throws {
        var configuration = MockConfiguration()
        configuration.anyModel = true
        try await withMock(configuration) { client in
            for path in ["/health", "/healthz"] {
                let health = try await client.send("GET", path, headers: [:])
                let status = try health.json()["status"]
                #expect(health.status == 200 && status == "ok")
            }
            let model5 = try await client.send("GET", "/v1/models/bge-m3").json()
            #expect(model5["id"] == "bge-m3")
            #expect(try await client.send("GET", "/v1/models/nope").status == 404)
            let anyModel = try await client.send("POST", "/v1/chat/completions", json: ["model": "gpt-4o", "messages": Self.user])
            let served = try anyModel.json()["model"]
            #expect(anyModel.status == 200 && served == "qwen3")
            var streamed = helloChat
            streamed["stream"] = true
            _ = try await client.stream("/v1/chat/completions", json: streamed)
            let metrics = String(decoding: try await client.send("GET", "/metrics", headers: [:]).body, as: UTF8.self)
            #expect(metrics.contains(#"conform_requests_total{route="/v1/chat/completions",model="qwen3",status="2xx"} 1"#), "\(metrics)")
            #expect(metrics.contains(#"conform_requests_total{route="/v1/chat/completions",model="gpt-4o",status="2xx"} 1"#))
            #expect(metrics.contains("conform_request_duration_seconds_bucket"))
            #expect(metrics.contains(#"conform_time_to_first_token_seconds_count{route="/v1/chat/completions",model="qwen3"} 1"#))
        }
    }

    @Test("An answer given whole: JSON with a status and headers, and a stream of events")
    func wholeAnswers() async throws {
        let stubs = [
            Stub(id: "json", match: StubMatch(path: "/v1/embeddings"), respond: [StubAnswer(status: 202, headers: ["X-Test": "yes"], json: ["ok": true])]),
            Stub(
                id: "events", match: StubMatch(path: "/v1/completions"),
                respond: [StubAnswer(events: [StubEvent(data: #"{"n":1}"#), StubEvent(event: "done", data: "[DONE]", delayMs: 50)])]),
        ]
        try await withMock(Self.admin(stubs)) { client in
            let json = try await client.send("POST", "/v1/embeddings", json: ["model": "bge-m3", "input": "x"])
            let answer = try json.json()
            #expect(json.status == 202 && json.headers["x-test"] == "yes" && answer == ["ok": true])
            let (events, _) = try await client.stream("/v1/completions", json: ["model": "qwen3", "prompt": "x"])
            #expect(events.map(\.data) == [#"{"n":1}"#, "[DONE]"] && events.last?.event == "done")
        }
    }
}

/// A client that sends every request with an `X-Scenario` header, as an app's test would to pick
/// its stub.
struct ScenarioClient {
    let client: MockClient
    let scenario: String

    var headers: HeaderFields { ["Authorization": "Bearer \(MockClient.key)", "X-Scenario": scenario] }

    func send(_ method: String, _ path: String, json: JSON) async throws -> ReceivedResponse {
        try await client.send(method, path, json: json, headers: headers)
    }

    func stream(_ path: String, json: JSON) async throws -> (events: [ServerSentEvent], body: String) {
        try await client.stream(path, json: json, headers: headers)
    }
}
