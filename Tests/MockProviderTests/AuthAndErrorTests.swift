import ConformHTTP
import ConformJSON
import MockProvider
import Testing

@Suite("Authentication and error envelopes")
struct AuthAndErrorTests {
    static let openAIRoutes: [(String, String, JSON?)] = [
        ("GET", "/v1/models", nil),
        ("POST", "/v1/chat/completions", helloChat),
        ("POST", "/v1/completions", ["model": "qwen3", "prompt": "x"]),
        ("POST", "/v1/responses", ["model": "qwen3", "input": "x"]),
        ("POST", "/v1/embeddings", ["model": "bge-m3", "input": "x"]),
        ("POST", "/v1/rerank", pandaRequest),
    ]

    @Test("Every route refuses a request without a key, and one with a wrong key, with 401 and the four-key envelope")
    func keyRequired() async throws {
        try await withMock { client in
            for (method, path, body) in Self.openAIRoutes {
                for headers: HeaderFields in [[:], ["Authorization": "Bearer wrong-key-123456"]] {
                    let response = try await client.send(method, path, json: body, headers: headers)
                    #expect(response.status == 401, "\(method) \(path)")
                    let error = try response.json()["error"]
                    #expect(error?.objectValue.map { Array($0.keys) } == ["message", "type", "param", "code"], "\(path)")
                }
            }
        }
    }

    @Test("X-API-Key is accepted; an empty Bearer falls back to it; configured keys replace the default")
    func keyForms() async throws {
        try await withMock { client in
            let reply1 = try await client.send("GET", "/v1/models", headers: ["X-API-Key": MockClient.key])
            #expect(reply1.status == 200)
            #expect(try await client.send("GET", "/v1/models", headers: ["Authorization": "Bearer ", "X-API-Key": MockClient.key]).status == 200)
        }
        try await withMock(MockConfiguration(apiKeys: ["team-key"])) { client in
            let reply2 = try await client.send("GET", "/v1/models", headers: ["Authorization": "Bearer team-key"])
            #expect(reply2.status == 200)
            #expect(try await client.send("GET", "/v1/models").status == 401)
        }
    }

    @Test("Unknown model 404, missing model 400, malformed bodies 400, each with the OpenAI envelope")
    func requestErrors() async throws {
        try await withMock { client in
            let unknown = try await client.send("POST", "/v1/chat/completions", json: ["model": "nope", "messages": [["role": "user", "content": "x"]]])
            #expect(unknown.status == 404)
            #expect(try unknown.json()["error"]?["code"] == "model_not_found")
            let missing = try await client.send("POST", "/v1/chat/completions", json: ["messages": [["role": "user", "content": "x"]]])
            #expect(missing.status == 400)
            #expect(try missing.json()["error"]?["param"] == "model")
            let cases: [(String, [UInt8])] = [
                ("truncated", Array(#"{"model":"qwen3","messages":[{"#.utf8)),
                ("array", Array("[1,2]".utf8)),
                ("invalid UTF-8", [0x7B, 0x22, 0x6D, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D]),
                ("duplicate key", Array(#"{"model":"qwen3","model":"x"}"#.utf8)),
                ("empty", []),
            ]
            for (name, bytes) in cases {
                let response = try await client.send("POST", "/v1/chat/completions", body: .bytes(bytes, contentType: "application/json"))
                #expect(response.status == 400, "\(name)")
                #expect(try response.json()["error"]?["message"]?.stringValue != nil, "\(name)")
            }
            let wrongType = try await client.send("POST", "/v1/chat/completions", json: ["model": "qwen3", "messages": "hello"])
            #expect(wrongType.status == 400)
            #expect(try wrongType.json()["error"]?["param"] == "messages")
            let badRerank = try await client.send("POST", "/v1/rerank", json: ["model": "bge-reranker-v2-m3", "query": "x", "documents": [1]])
            #expect(badRerank.status == 400)
            #expect(try badRerank.json()["error"]?["param"] == "documents[0]")
        }
    }

    @Test("A body over the limit gets 413; a wrong method 405; an unknown path 404")
    func limitsAndRouting() async throws {
        try await withMock(MockConfiguration(bodyLimit: 1024)) { client in
            let big: JSON = ["model": "bge-m3", "input": .string(String(repeating: "a", count: 4096))]
            let tooLarge = try await client.send("POST", "/v1/embeddings", json: big)
            #expect(tooLarge.status == 413)
            #expect(try tooLarge.json()["error"]?["code"] == "request_too_large")
            let reply3 = try await client.send("DELETE", "/v1/chat/completions")
            #expect(reply3.status == 405)
            #expect(try await client.send("GET", "/v1/nowhere").status == 404)
        }
    }

    @Test("Huge headers do not crash the mock; it keeps serving")
    func hugeHeaders() async throws {
        try await withMock { client in
            let huge: HeaderFields = ["Authorization": "Bearer \(MockClient.key)", "X-Padding": String(repeating: "p", count: 200_000)]
            let response = try? await client.send("GET", "/v1/models", headers: huge)
            #expect(response.map { $0.status >= 400 } ?? true)
            let reply4 = try await client.send("GET", "/v1/models")
            #expect(reply4.status == 200)
        }
    }
}
