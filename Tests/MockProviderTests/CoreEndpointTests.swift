import ConformHTTP
import ConformJSON
import Foundation
import HTTPWire
import MockProvider
import Testing
import Workers

@Suite("Text endpoints")
struct CoreEndpointTests {
    @Test("The documented panda example comes back ordered 2, 1, 0 with documents and usage")
    func pandaOrder() async throws {
        try await withMock { client in
            let response = try await client.send("POST", "/v1/rerank", json: pandaRequest)
            #expect(response.status == 200)
            #expect(response.head.mediaType == "application/json")
            let json = try response.json()
            let results = try #require(json["results"]?.arrayValue)
            #expect(results.compactMap { $0["index"]?.integerValue } == [2, 1, 0])
            let scores = results.compactMap { $0["relevance_score"]?.doubleValue }
            #expect(scores == scores.sorted(by: >))
            #expect(scores[0] > 0 && scores[2] < 0)
            #expect(results[1]["document"] == ["text": "it is a bear"])
            #expect(json["object"] == "list")
            #expect(json["usage"]?["total_tokens"] == json["usage"]?["prompt_tokens"])
            #expect(Array(json.objectValue!.keys) == ["model", "object", "results", "usage"])
        }
    }

    @Test("Rerank honours top_n, return_documents false and {text} documents")
    func rerankOptions() async throws {
        try await withMock { client in
            var request = pandaRequest
            request["top_n"] = 2
            request["return_documents"] = false
            request["documents"] = [["text": "hi"], ["text": "it is a bear"], ["text": "a panda is a bear"]]
            let json = try await client.send("POST", "/v1/rerank", json: request).json()
            let results = try #require(json["results"]?.arrayValue)
            #expect(results.count == 2)
            #expect(results.allSatisfy { $0["document"] == nil })
            #expect(results.first?["index"] == 2)
        }
    }

    @Test("The same request gives the same bytes; the seed changes them")
    func determinism() async throws {
        let first = try await withMock { client in try await client.send("POST", "/v1/chat/completions", json: helloChat).body }
        let second = try await withMock { client in try await client.send("POST", "/v1/chat/completions", json: helloChat).body }
        let reseeded = try await withMock(MockConfiguration(seed: 7)) { client in
            try await client.send("POST", "/v1/chat/completions", json: helloChat).body
        }
        #expect(first == second)
        #expect(first != reseeded)
    }

    @Test("Chat completions carry every required member and consistent usage")
    func chatShape() async throws {
        try await withMock { client in
            let json = try await client.send("POST", "/v1/chat/completions", json: helloChat).json()
            #expect(json["object"] == "chat.completion")
            #expect(json["created"] == .integer(1_767_225_600))
            let choice = try #require(json["choices"]?[0])
            #expect(choice["message"]?["role"] == "assistant")
            #expect(choice["message"]?["refusal"] == .null)
            #expect(choice["logprobs"] == .null)
            let content = try #require(choice["message"]?["content"]?.stringValue)
            let usage = try #require(json["usage"])
            #expect(usage["prompt_tokens"] == 3)
            #expect(usage["completion_tokens"]?.integerValue == Int64(Workers.TokenCounter.count(content)))
            #expect(usage["total_tokens"]?.integerValue == usage["prompt_tokens"]!.integerValue! + usage["completion_tokens"]!.integerValue!)
        }
    }

    @Test("A chat stream: role first, content, finish_reason last, the usage chunk, then [DONE]")
    func chatStream() async throws {
        try await withMock { client in
            var request = helloChat
            request["stream"] = true
            request["stream_options"] = ["include_usage": true]
            let (events, _) = try await client.stream("/v1/chat/completions", json: request)
            #expect(events.last?.data == "[DONE]")
            let chunks = try events.dropLast().map { try JSON(parsing: $0.data) }
            #expect(chunks.first?["choices"]?[0]?["delta"]?["role"] == "assistant")
            #expect(Set(chunks.compactMap { $0["id"] }).count == 1)
            let usageChunk = try #require(chunks.last)
            #expect(usageChunk["choices"] == [])
            #expect(usageChunk["usage"]?["completion_tokens"] != nil)
            let finishes = chunks.dropLast().compactMap { $0["choices"]?[0]?["finish_reason"] }.filter { !$0.isNull }
            #expect(finishes == ["stop"])
            let plain = try await client.send("POST", "/v1/chat/completions", json: helloChat).json()
            let streamed = chunks.compactMap { $0["choices"]?[0]?["delta"]?["content"]?.stringValue }.joined()
            #expect(streamed == plain["choices"]?[0]?["message"]?["content"]?.stringValue)
        }
    }

    @Test("Chat with tools calls a tool with arguments matching its schema")
    func chatToolCall() async throws {
        try await withMock { client in
            var request = helloChat
            request["tools"] = [
                [
                    "type": "function",
                    "function": [
                        "name": "get_weather",
                        "parameters": ["type": "object", "properties": ["city": ["type": "string"], "days": ["type": "integer", "minimum": 1, "maximum": 7]], "required": ["city"]],
                    ],
                ]
            ]
            let json = try await client.send("POST", "/v1/chat/completions", json: request).json()
            let call = try #require(json["choices"]?[0]?["message"]?["tool_calls"]?[0])
            #expect(json["choices"]?[0]?["finish_reason"] == "tool_calls")
            #expect(call["function"]?["name"] == "get_weather")
            let arguments = try JSON(parsing: try #require(call["function"]?["arguments"]?.stringValue))
            #expect(arguments["city"]?.stringValue != nil)
            #expect((1...7).contains(arguments["days"]?.integerValue ?? 0))
        }
    }

    @Test("Legacy completions default to 16 tokens and stream with [DONE]")
    func completions() async throws {
        try await withMock { client in
            let json = try await client.send("POST", "/v1/completions", json: ["model": "qwen3", "prompt": "Say this is a test"]).json()
            #expect(json["object"] == "text_completion")
            #expect(json["usage"]?["completion_tokens"] == 16)
            #expect(json["choices"]?[0]?["finish_reason"] == "length")
            let (events, _) = try await client.stream("/v1/completions", json: ["model": "qwen3", "prompt": "Say this", "stream": true])
            #expect(events.last?.data == "[DONE]")
        }
    }

    @Test("A Responses stream has named events with rising sequence numbers, created first, completed last")
    func responsesStream() async throws {
        try await withMock { client in
            let (events, _) = try await client.stream("/v1/responses", json: ["model": "qwen3", "input": "Hello!", "stream": true])
            let parsed = try events.map { try JSON(parsing: $0.data) }
            #expect(events.first?.event == "response.created")
            #expect(events.last?.event == "response.completed")
            #expect(zip(events, parsed).allSatisfy { $0.event == $1["type"]?.stringValue })
            #expect(parsed.compactMap { $0["sequence_number"]?.integerValue } == Array(0..<Int64(parsed.count)))
            let plain = try await client.send("POST", "/v1/responses", json: ["model": "qwen3", "input": "Hello!"]).json()
            #expect(plain["status"] == "completed")
            #expect(parsed.last?["response"]?["output"] == plain["output"])
        }
    }

    @Test("Embeddings: unit vectors, batch, base64 float32, dimensions, consistent token counts")
    func embeddings() async throws {
        try await withMock { client in
            let json = try await client.send("POST", "/v1/embeddings", json: ["model": "bge-m3", "input": ["Hello!", "a panda"]]).json()
            let data = try #require(json["data"]?.arrayValue)
            #expect(data.count == 2)
            let vector = try #require(data[0]["embedding"]?.arrayValue).compactMap(\.doubleValue)
            #expect(vector.count == 1024)
            #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
            #expect(json["usage"]?["prompt_tokens"] == 6)
            let encoded = try await client.send("POST", "/v1/embeddings", json: ["model": "bge-m3", "input": "Hello!", "encoding_format": "base64"]).json()
            let bytes = try #require(Data(base64Encoded: encoded["data"]?[0]?["embedding"]?.stringValue ?? ""))
            #expect(bytes.count == 4096)
            let first = bytes.prefix(4).withUnsafeBytes { Float(bitPattern: UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
            #expect(first == Float(vector[0]))
            let short = try await client.send("POST", "/v1/embeddings", json: ["model": "bge-m3", "input": "Hello!", "dimensions": 256]).json()
            #expect(short["data"]?[0]?["embedding"]?.arrayValue?.count == 256)
            let tooLong = try await client.send("POST", "/v1/embeddings", json: ["model": "bge-m3", "input": "Hello!", "dimensions": 4096])
            #expect(tooLong.status == 400)
        }
    }

    @Test("GET /v1/models lists every configured model")
    func models() async throws {
        try await withMock { client in
            let json = try await client.send("GET", "/v1/models").json()
            let ids = json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(ids == ModelConfiguration.defaults.map(\.name))
            #expect(json["data"]?[0]?["owned_by"] == "gpustack")
        }
    }
}
