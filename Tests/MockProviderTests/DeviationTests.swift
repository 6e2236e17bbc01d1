import ConformHTTP
import ConformJSON
import Foundation
import HTTPWire
import MockProvider
import Testing

@Suite("Deliberate deviations")
struct DeviationTests {
    @Test("rerank-unsorted returns document order")
    func rerankUnsorted() async throws {
        try await withMock(deviating(.rerankUnsorted)) { client in
            let results = try await client.send("POST", "/v1/rerank", json: pandaRequest).json()["results"]?.arrayValue ?? []
            #expect(results.compactMap { $0["index"]?.integerValue } == [0, 1, 2])
        }
    }

    @Test("rerank-ignore-top-n returns every document")
    func rerankIgnoreTopN() async throws {
        var topOne = pandaRequest
        topOne["top_n"] = 1
        let request = topOne
        try await withMock(deviating(.rerankIgnoreTopN)) { client in
            let reply1 = try await client.send("POST", "/v1/rerank", json: request)
            #expect(try reply1.json()["results"]?.arrayValue?.count == 3)
        }
    }

    @Test("rerank-drop-documents omits documents although return_documents defaults to true")
    func rerankDropDocuments() async throws {
        try await withMock(deviating(.rerankDropDocuments)) { client in
            let results = try await client.send("POST", "/v1/rerank", json: pandaRequest).json()["results"]?.arrayValue ?? []
            #expect(!results.isEmpty && results.allSatisfy { $0["document"] == nil })
        }
    }

    @Test("rerank-bad-index puts one index out of range")
    func rerankBadIndex() async throws {
        try await withMock(deviating(.rerankBadIndex)) { client in
            let results = try await client.send("POST", "/v1/rerank", json: pandaRequest).json()["results"]?.arrayValue ?? []
            #expect(results.contains { ($0["index"]?.integerValue ?? 0) >= 3 })
        }
    }

    @Test("chat-drop-created removes created from completions and chunks")
    func chatDropCreated() async throws {
        try await withMock(deviating(.chatDropCreated)) { client in
            let reply2 = try await client.send("POST", "/v1/chat/completions", json: helloChat)
            #expect(try reply2.json()["created"] == nil)
            var request = helloChat
            request["stream"] = true
            let (events, _) = try await client.stream("/v1/chat/completions", json: request)
            #expect(try JSON(parsing: events[0].data)["created"] == nil)
        }
    }

    @Test("openai-stream-no-done ends streams without [DONE]")
    func streamNoDone() async throws {
        var streaming = helloChat
        streaming["stream"] = true
        let request = streaming
        try await withMock(deviating(.openAIStreamNoDone)) { client in
            let (events, _) = try await client.stream("/v1/chat/completions", json: request)
            #expect(!events.isEmpty && !events.contains { $0.data == "[DONE]" })
        }
    }

    @Test("openai-stream-no-usage-chunk ignores include_usage")
    func streamNoUsageChunk() async throws {
        var streaming = helloChat
        streaming["stream"] = true
        streaming["stream_options"] = ["include_usage": true]
        let request = streaming
        try await withMock(deviating(.openAIStreamNoUsageChunk)) { client in
            let (events, _) = try await client.stream("/v1/chat/completions", json: request)
            let chunks = events.filter { $0.data != "[DONE]" }.compactMap { try? JSON(parsing: $0.data) }
            #expect(!chunks.isEmpty && !chunks.contains { $0["choices"] == [] })
        }
    }

    @Test("responses-sequence-repeats repeats a sequence number")
    func responsesSequenceRepeats() async throws {
        try await withMock(deviating(.responsesSequenceRepeats)) { client in
            let (events, _) = try await client.stream("/v1/responses", json: ["model": "qwen3", "input": "x", "stream": true])
            let numbers = events.compactMap { try? JSON(parsing: $0.data)["sequence_number"]?.integerValue }
            #expect(numbers.count > 3 && Set(numbers).count < numbers.count)
        }
    }

    @Test("auth-disabled serves requests without a key")
    func authDisabled() async throws {
        try await withMock(deviating(.authDisabled)) { client in
            let reply3 = try await client.send("GET", "/v1/models", headers: [:])
            #expect(reply3.status == 200)
        }
    }

    @Test("embeddings-drop-one returns one vector fewer than inputs")
    func embeddingsDropOne() async throws {
        try await withMock(deviating(.embeddingsDropOne)) { client in
            let json = try await client.send("POST", "/v1/embeddings", json: ["model": "bge-m3", "input": ["a", "b"]]).json()
            #expect(json["data"]?.arrayValue?.count == 1)
        }
    }

    @Test("embeddings-base64-float64 encodes 8 bytes per component")
    func embeddingsFloat64() async throws {
        try await withMock(deviating(.embeddingsBase64Float64)) { client in
            let json = try await client.send("POST", "/v1/embeddings", json: ["model": "bge-m3", "input": "a", "encoding_format": "base64"]).json()
            let bytes = Data(base64Encoded: json["data"]?[0]?["embedding"]?.stringValue ?? "")
            #expect(bytes?.count == 1024 * 8)
        }
    }

    @Test("usage-wrong-total makes total_tokens disagree with its parts")
    func usageWrongTotal() async throws {
        try await withMock(deviating(.usageWrongTotal)) { client in
            let usage = try await client.send("POST", "/v1/chat/completions", json: helloChat).json()["usage"]
            let sum = (usage?["prompt_tokens"]?.integerValue ?? 0) + (usage?["completion_tokens"]?.integerValue ?? 0)
            #expect(usage?["total_tokens"]?.integerValue == sum + 1)
        }
    }

    @Test("error-envelope-partial drops param and code")
    func errorEnvelopePartial() async throws {
        try await withMock(deviating(.errorEnvelopePartial)) { client in
            let error = try await client.send("GET", "/v1/models", headers: [:]).json()["error"]
            #expect(error?["message"] != nil && error?["param"] == nil && error?["code"] == nil)
        }
    }

    @Test("json-as-text-plain labels JSON text/plain")
    func jsonAsTextPlain() async throws {
        try await withMock(deviating(.jsonAsTextPlain)) { client in
            let reply4 = try await client.send("GET", "/v1/models")
            #expect(reply4.head.mediaType == "text/plain")
        }
    }

    @Test("unknown-model-ok serves an unknown model instead of 404")
    func unknownModelOK() async throws {
        try await withMock(deviating(.unknownModelOK)) { client in
            let response = try await client.send("POST", "/v1/chat/completions", json: ["model": "nope", "messages": [["role": "user", "content": "x"]]])
            #expect(response.status == 200)
        }
    }
}
