import ConformContract
import ConformHTTP
import ConformJSON
import HTTPWire
import MockProvider
import Testing
import Workers

/// `conform worker`'s server answers as a vLLM-style engine: health, model list, token, and the
/// choice of model for each request.
@Suite("Worker server", .timeLimit(.minutes(2)))
struct WorkerServerTests {
    @Test("/health answers 200 with no body and no token; /v1/models lists every model as vLLM does")
    func healthAndModels() async throws {
        try await withWorkerServer(token: "t0ken") { port in
            let client = LoopbackClient(port: port, key: nil)
            let health = try await client.send("GET", "/health")
            #expect(health.status == 200 && health.body.isEmpty)
            #expect(try await client.send("GET", "/v1/models").status == 401)
            let models = try await LoopbackClient(port: port, key: "t0ken").send("GET", "/v1/models").json()
            #expect(models["object"] == "list")
            let first = try #require(models["data"]?[0])
            #expect(
                first == [
                    "id": "qwen3", "object": "model", "created": 1_767_225_600, "owned_by": "conform", "root": "qwen3",
                    "parent": .null,
                ])
            #expect(models["data"]?.arrayValue?.count == MockConfiguration().models.count)
        }
    }

    @Test("The probes an orchestrator sends answer without the token: /healthz, /ping, /version")
    func probes() async throws {
        try await withWorkerServer(token: "t0ken") { port in
            let client = LoopbackClient(port: port, key: nil)
            for (method, path) in [("GET", "/healthz"), ("HEAD", "/healthz"), ("GET", "/ping"), ("POST", "/ping")] {
                let probe = try await client.send(method, path)
                #expect(probe.status == 200 && probe.body.isEmpty, "\(method) \(path)")
            }
            let version = try await client.send("GET", "/version")
            #expect(version.status == 200)
            #expect(try version.json()["version"]?.stringValue?.isEmpty == false)
            #expect(try await client.send("GET", "/metrics").status == 401)
        }
    }

    @Test("Rerank answers as vLLM does: sorted, cut to top_n, documents only when return_documents allows")
    func rerankAsAnEngine() async throws {
        try await withWorkerServer { port in
            let client = LoopbackClient(port: port, key: nil)
            let documents: [JSON] = ["hi", "The giant panda is a bear species endemic to China.", "paper"]
            let request: JSON = ["model": "bge-reranker-v2-m3", "query": "What is a panda?", "documents": .array(documents)]
            let all = try await client.send("POST", "/v1/rerank", json: request).json()
            let results = try #require(all["results"]?.arrayValue)
            #expect(results.count == 3)
            let scores = results.compactMap { $0["relevance_score"]?.doubleValue }
            #expect(scores == scores.sorted(by: >))
            #expect(results[0]["index"] == 1 && results[0]["document"] == ["text": documents[1]])
            var cut = try #require(request.objectValue)
            cut["top_n"] = 2
            cut["return_documents"] = false
            let two = try #require(try await client.send("POST", "/v1/rerank", json: .object(cut)).json()["results"]?.arrayValue)
            #expect(two.count == 2 && two.allSatisfy { $0["document"] == nil })
            #expect(two.map { $0["index"] } == results.prefix(2).map { $0["index"] })
            cut["top_n"] = 10
            let more = try await client.send("POST", "/v1/rerank", json: .object(cut)).json()
            #expect(more["results"]?.arrayValue?.count == 3)
        }
    }

    @Test("With a token, engine paths refuse a missing or wrong one as vLLM does")
    func token() async throws {
        try await withWorkerServer(token: "t0ken") { port in
            for key in [nil, "wrong"] as [String?] {
                let refused = try await LoopbackClient(port: port, key: key).send("POST", "/v1/chat/completions", json: helloChat)
                #expect(refused.status == 401)
                #expect(try refused.json() == ["error": "Unauthorized"])
            }
            #expect(
                try await LoopbackClient(port: port, key: "t0ken").send("POST", "/v1/chat/completions", json: helloChat).status
                    == 200)
        }
    }

    @Test("A request goes to the model its header names, else its body's model; an unknown one is 404")
    func modelChoice() async throws {
        try await withWorkerServer { port in
            let client = LoopbackClient(port: port, key: nil)
            let embedded = try await client.send(
                "POST", "/embed", json: ["inputs": "hi"], headers: [EngineModelHeader.name: "bge-m3"])
            #expect(embedded.status == 200)
            #expect(try embedded.json()[0]?.arrayValue?.count == 1024)
            let chat = try await client.send("POST", "/v1/chat/completions", json: helloChat)
            #expect(try chat.json()["object"] == "chat.completion")
            let form = MultipartForm(parts: [
                .text("model", "whisper-large-v3-turbo"), .text("response_format", "text"),
                .file(
                    "file", filename: "a.wav", contentType: "audio/wav",
                    data: WAVEncoder.wav(Array(repeating: 100, count: 800), sampleRate: 8000)),
            ])
            let transcript = try await client.send("POST", "/v1/audio/transcriptions", body: .multipart(form))
            #expect(transcript.status == 200 && transcript.head.mediaType == "text/plain")
            let unknown = try await client.send("POST", "/v1/chat/completions", json: ["model": "nope", "messages": []])
            #expect(unknown.status == 404)
            #expect(try unknown.json()["message"] == "The model `nope` does not exist.")
            let unnamed = try await client.send("POST", "/embed", json: ["inputs": "hi"])
            #expect(unnamed.status == 400)
            #expect(try unnamed.json()["param"] == "model")
        }
    }

    @Test("A server with one model sends every request to it; the echo shows what the engine received")
    func singleModel() async throws {
        let echo = MockConfiguration(models: [ModelConfiguration(name: "proxy-echo", kinds: [.echo])])
        try await withWorkerServer(echo) { port in
            let client = LoopbackClient(port: port, key: nil)
            let answer = try await client.send("PUT", "/any/path?x=1", json: ["a": 1], headers: ["X-Custom": "kept"])
            let json = try answer.json()
            #expect(json["method"] == "PUT" && json["path"] == "/any/path" && json["query"] == "x=1")
            #expect(json["headers"]?["x-custom"] == "kept")
            // The transport's own headers are not the engine's business.
            #expect(json["headers"]?["host"] == nil && json["headers"]?["content-length"] == nil)
            #expect(json["json"] == ["a": 1])
        }
    }

    @Test("A request naming its model reaches that model's engine even on /health and /v1/models")
    func namedModelOwnsEveryPath() async throws {
        try await withWorkerServer(token: "t0ken") { port in
            let client = LoopbackClient(port: port, key: "t0ken")
            for path in ["/health", "/v1/models"] {
                let echo = try await client.send("GET", path, headers: [EngineModelHeader.name: "proxy-echo"]).json()
                #expect(echo["path"] == .string(path))
                let refused = try await LoopbackClient(port: port, key: nil).send("GET", path, headers: [EngineModelHeader.name: "proxy-echo"])
                #expect(refused.status == 401)
            }
        }
    }

    @Test("Streams go out as server-sent events, one write per event")
    func streams() async throws {
        try await withWorkerServer { port in
            var request = helloChat
            request["stream"] = true
            let (events, body) = try await LoopbackClient(port: port, key: nil).stream("/v1/chat/completions", json: request)
            #expect(events.last?.data == "[DONE]")
            #expect(events.count > 3)
            #expect(body.hasPrefix("data: {"))
        }
    }
}
