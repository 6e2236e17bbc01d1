import ConformHTTP
import ConformJSON
import HTTPWire
import Hummingbird
import MockProvider
import Testing
import UpstreamWorkers
import Workers

/// What the engine receives through the adapter, and what the client gets from the engine's
/// answers: credentials, model names, the Anthropic translation, rerank order, error envelopes.
@Suite("Forwarding to an engine", .timeLimit(.minutes(2)))
struct ForwardingTests {
    /// Every model on one stand-in engine, `qwen3` and the rest served under other names.
    static func configuration(port: Int, served: [String: String] = [:]) throws -> MockConfiguration {
        var configuration = try forwardingConfiguration(to: port, token: "worker-token")
        for index in configuration.models.indices {
            let name = configuration.models[index].name
            configuration.models[index].upstream?.servedModelName = served[name]
        }
        return configuration
    }

    static let chatCompletion: JSON = [
        "id": "chatcmpl-9", "object": "chat.completion", "created": 1, "model": "Qwen/Qwen3-8B",
        "choices": [
            ["index": 0, "message": ["role": "assistant", "content": "Hi there"], "logprobs": .null, "finish_reason": "stop"]
        ],
        "usage": ["prompt_tokens": 2, "completion_tokens": 2, "total_tokens": 4],
    ]

    @Test("The client's key never reaches the engine, which gets its own token instead")
    func credentialsStayAtTheGateway() async throws {
        let log = RequestLog()
        try await withRecordingEngine(log, answer: { _ in engineJSON(Self.chatCompletion) }) { port in
            try await withGateway(try Self.configuration(port: port)) { gateway in
                let key = MockConfiguration.defaultAPIKey
                _ = try await gateway.send("POST", "/v1/chat/completions", json: helloChat, headers: ["Cookie": "session=\(key)"])
                _ = try await gateway.send(
                    "POST", "/v1/messages",
                    json: ["model": "qwen3", "max_tokens": 8, "messages": [["role": "user", "content": "Hi"]]],
                    headers: ["Authorization": "", "X-API-Key": key])
                _ = try await gateway.send(
                    "POST", "/model/proxy/43/anything", json: ["a": 1],
                    headers: ["X-API-Key": key, "Cookie": "session=\(key)", "X-Custom": "kept"])
                let form = MultipartForm(parts: [
                    .text("model", "whisper-large-v3-turbo"),
                    .file("file", filename: "a.wav", contentType: "audio/wav", data: WAVEncoder.wav([0, 1], sampleRate: 8000)),
                ])
                _ = try await gateway.send("POST", "/v1/audio/transcriptions", body: .multipart(form))
            }
        }
        let requests = log.all.filter { $0.path != "/health" }
        #expect(
            requests.map(\.path) == ["/v1/chat/completions", "/v1/chat/completions", "/anything", "/v1/audio/transcriptions"])
        for request in requests {
            #expect(request.header("Authorization") == "Bearer worker-token", "\(request.path)")
            #expect(request.header("X-API-Key") == nil, "\(request.path)")
            #expect(request.header("Cookie") == nil, "\(request.path)")
            let everything =
                request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
                + String(decoding: request.body, as: UTF8.self)
            #expect(!everything.contains(MockConfiguration.defaultAPIKey), "\(request.path)")
        }
        #expect(requests[2].header("X-Custom") == "kept")
        #expect(requests[2].header(EngineModelHeader.name) == "proxy-echo")
    }

    @Test("The model is renamed to the served name in JSON and multipart bodies; relayed bytes are untouched")
    func servedModelName() async throws {
        let log = RequestLog()
        let served = [
            "qwen3": "Qwen/Qwen3-8B", "whisper-large-v3-turbo": "openai/whisper-large-v3-turbo", "bge-m3": "BAAI/bge-m3",
        ]
        try await withRecordingEngine(
            log,
            answer: { request in
                request.path == "/v1/audio/transcriptions" ? engineJSON(["text": "hello"]) : engineJSON(Self.chatCompletion)
            }
        ) { port in
            try await withGateway(try Self.configuration(port: port, served: served)) { gateway in
                let answer = try await gateway.send("POST", "/v1/chat/completions", json: helloChat)
                #expect(answer.status == 200)
                // vLLM names the model it served; the gateway passes its answer on.
                #expect(try answer.json()["model"] == "Qwen/Qwen3-8B")
                let form = MultipartForm(parts: [
                    .text("model", "whisper-large-v3-turbo"), .text("language", "en"),
                    .file(
                        "file", filename: "a.wav", contentType: "audio/wav", data: WAVEncoder.wav([0, 1, 2], sampleRate: 8000)),
                ])
                #expect(try await gateway.send("POST", "/v1/audio/transcriptions", body: .multipart(form)).status == 200)
                _ = try await gateway.send("POST", "/model/proxy/42/v1/embeddings", json: ["model": "bge-m3", "input": "x"])
            }
        }
        let requests = log.all.filter { $0.path != "/health" }
        #expect(try requests[0].json()["model"] == "Qwen/Qwen3-8B")
        #expect(try requests[0].json()["messages"] == helloChat["messages"])
        #expect(requests[0].header(EngineModelHeader.name) == "Qwen/Qwen3-8B")
        let form = try MultipartFormParser().parse(requests[1].body, contentType: requests[1].header("Content-Type") ?? "")
        #expect(form.text("model") == "openai/whisper-large-v3-turbo")
        #expect(form.text("language") == "en")
        #expect(form.part(named: "file")?.data == WAVEncoder.wav([0, 1, 2], sampleRate: 8000))
        #expect(try requests[2].json() == ["model": "bge-m3", "input": "x"])
    }

    @Test("Anthropic messages travel as chat completions, tool use included, plain and streamed")
    func messagesOverChat() async throws {
        let log = RequestLog()
        let toolCall: JSON = [
            "id": "chatcmpl-7", "object": "chat.completion", "created": 1, "model": "qwen3",
            "choices": [
                [
                    "index": 0, "logprobs": .null, "finish_reason": "tool_calls",
                    "message": [
                        "role": "assistant", "content": .null,
                        "tool_calls": [
                            [
                                "id": "call_1", "type": "function",
                                "function": ["name": "lookup", "arguments": #"{"term":"panda"}"#],
                            ]
                        ],
                    ],
                ]
            ],
            "usage": ["prompt_tokens": 9, "completion_tokens": 5, "total_tokens": 14],
        ]
        let chunks = [
            #"{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1,"model":"qwen3","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"lookup","arguments":""}}]},"finish_reason":null}]}"#,
            #"{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1,"model":"qwen3","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"term\":"}}]},"finish_reason":null}]}"#,
            #"{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1,"model":"qwen3","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"panda\"}"}}]},"finish_reason":"tool_calls"}]}"#,
            #"{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1,"model":"qwen3","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":5,"total_tokens":14}}"#,
        ]
        let stream = chunks.map { "data: \($0)\n\n" }.joined() + "data: [DONE]\n\n"
        try await withRecordingEngine(
            log,
            answer: { request in
                (try? request.json()["stream"]) == .bool(true)
                    ? engineBytes(stream, contentType: "text/event-stream") : engineJSON(toolCall)
            }
        ) { port in
            try await withGateway(try Self.configuration(port: port)) { gateway in
                var request: JSON = [
                    "model": "qwen3", "max_tokens": 64, "messages": [["role": "user", "content": "What is a panda?"]],
                    "tools": [
                        ["name": "lookup", "input_schema": ["type": "object", "properties": ["term": ["type": "string"]]]]
                    ],
                ]
                let message = try await gateway.send("POST", "/v1/messages", json: request).json()
                #expect(message["stop_reason"] == "tool_use")
                let block = try #require(message["content"]?.arrayValue?.first)
                #expect(block["type"] == "tool_use" && block["name"] == "lookup" && block["input"] == ["term": "panda"])
                #expect(message["usage"] == ["input_tokens": 9, "output_tokens": 5])

                request["stream"] = true
                let (events, _) = try await gateway.stream("/v1/messages", json: request)
                #expect(
                    events.map(\.type) == [
                        "message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
                        "content_block_stop", "message_delta",
                        "message_stop",
                    ])
                let parsed = try events.map { try JSON(parsing: $0.data) }
                #expect(parsed[1]["content_block"]?["type"] == "tool_use")
                #expect(parsed.compactMap { $0["delta"]?["partial_json"]?.stringValue }.joined() == #"{"term":"panda"}"#)
                #expect(parsed[6]["delta"]?["stop_reason"] == "tool_use")
            }
        }
        let sent = try log.all.filter { $0.path != "/health" }.map { try $0.json() }
        #expect(log.all.filter { $0.path != "/health" }.allSatisfy { $0.path == "/v1/chat/completions" })
        #expect(sent[0]["tools"]?[0]?["function"]?["name"] == "lookup")
        #expect(sent[0]["tools"]?[0]?["type"] == "function")
        #expect(sent[1]["stream"] == true)
    }

    @Test("Rerank results an engine leaves unsorted and uncut come back sorted and cut to top_n; GPUStack emulation relays them unchanged")
    func rerankFromAnUnsortingEngine() async throws {
        let log = RequestLog()
        let unsorted: JSON = [
            "id": "rerank-1", "model": "bge-reranker-v2-m3",
            "results": [
                ["index": 0, "relevance_score": 0.1, "document": ["text": "hi"]],
                ["index": 1, "relevance_score": 0.7, "document": ["text": "it is a bear"]],
                ["index": 2, "relevance_score": 0.9, "document": ["text": "The giant panda"]],
            ],
            "usage": ["prompt_tokens": 12, "total_tokens": 12],
        ]
        try await withRecordingEngine(log, answer: { _ in engineJSON(unsorted) }) { port in
            try await withGateway(try Self.configuration(port: port)) { gateway in
                var request = pandaRequest
                request["top_n"] = 2
                let json = try await gateway.send("POST", "/v1/rerank", json: request).json()
                let results = try #require(json["results"]?.arrayValue)
                #expect(results.map { $0["index"] } == [2, 1])
                #expect(results.map { $0["relevance_score"] } == [0.9, 0.7])
                #expect(results[0]["document"] == ["text": "The giant panda"])
                #expect(json["usage"] == ["prompt_tokens": 12, "total_tokens": 12])
            }
            var emulating = try Self.configuration(port: port)
            emulating.emulation = .gpustack
            try await withGateway(emulating) { gateway in
                var request = pandaRequest
                request["top_n"] = 2
                let relayed = try await gateway.send("POST", "/v1/rerank", json: request).json()
                #expect(relayed == unsorted)
            }
        }
    }

    @Test("Engine errors in vLLM's, OpenAI's, TEI's, FastAPI's and plain-text shapes reach the client in the contract's envelope")
    func engineErrors() async throws {
        let answers: [(JSON?, String?, Int, String, String?)] = [
            (
                [
                    "object": "error", "message": "max_tokens is too large", "type": "BadRequestError", "param": "max_tokens",
                    "code": 400,
                ], nil, 400,
                "max_tokens is too large", "max_tokens"
            ),
            (
                [
                    "error": [
                        "message": "This model's maximum context length is 4096 tokens.", "type": "BadRequestError",
                        "param": .null, "code": 400,
                    ]
                ], nil, 400,
                "This model's maximum context length is 4096 tokens.", nil
            ),
            (
                ["error": "Input validation error: `inputs` must have less than 512 tokens", "error_type": "Validation"], nil,
                422,
                "Input validation error: `inputs` must have less than 512 tokens", nil
            ),
            (
                ["detail": [["loc": ["body", "messages", 0, "content"], "msg": "Field required", "type": "missing"]]], nil, 422,
                "messages[0].content: Field required", "messages[0].content"
            ),
            (
                nil, "upstream connect error or disconnect/reset before headers", 502,
                "upstream connect error or disconnect/reset before headers", nil
            ),
        ]
        for (json, text, status, message, param) in answers {
            let log = RequestLog()
            let response: @Sendable (RecordedRequest) -> Response = { request in
                if request.path == "/health" { return engineJSON([:]) }
                if let json { return engineJSON(json, status: .init(code: status)) }
                return engineBytes(text ?? "", contentType: "text/plain", status: .init(code: status))
            }
            try await withRecordingEngine(log, answer: response) { port in
                try await withGateway(try Self.configuration(port: port)) { gateway in
                    let answer = try await gateway.send("POST", "/v1/chat/completions", json: helloChat)
                    #expect(answer.status == status, "\(message)")
                    let error = try answer.json()["error"]
                    #expect(error?["message"]?.stringValue == message)
                    #expect(error?["param"] == (param.map(JSON.string) ?? .null))
                    #expect(error?["type"] == (status >= 500 ? "server_error" : "invalid_request_error"))
                    let anthropic = try await gateway.send(
                        "POST", "/v1/messages",
                        json: ["model": "qwen3", "max_tokens": 8, "messages": [["role": "user", "content": "Hi"]]])
                    #expect(anthropic.status == status)
                    #expect(try anthropic.json()["error"]?["message"]?.stringValue == message)
                }
            }
        }
    }
}
