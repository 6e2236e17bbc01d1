import ConformHTTP
import ConformJSON
import HTTPWire
import MockProvider
import Testing
import Workers

@Suite("GPUStack emulation and configuration files")
struct EmulationAndConfigurationTests {
    static let gpustack = MockConfiguration(emulation: .gpustack)

    @Test("Emulation reproduces GPUStack's native 401, model errors, detail bodies and the injected usage chunk")
    func emulatedShapes() async throws {
        try await withMock(Self.gpustack) { client in
            let unauthorized = try await client.send("POST", "/v1/chat/completions", json: helloChat, headers: [:])
            #expect(unauthorized.status == 401)
            #expect(try unauthorized.json() == ["code": 401, "reason": "Unauthorized", "message": "Invalid authentication credentials"])
            let unknown = try await client.send("POST", "/v1/chat/completions", json: ["model": "nope", "messages": [["role": "user", "content": "x"]]])
            #expect(try unknown.json() == ["error": ["message": "Model not found", "code": 404, "type": "NotFound"]])
            let missing = try await client.send("POST", "/v1/embeddings", json: ["input": "x"])
            #expect(try missing.json() == ["error": ["message": "Missing 'model' field", "code": 400, "type": "BadRequest"]])
            let messages = try await client.send("POST", "/v1/messages", json: ["model": "nope", "max_tokens": 5, "messages": []], headers: [:])
            #expect(messages.status == 404)
            #expect(try messages.json() == ["detail": "Not Found"])
            let proxyMiss = try await client.send("GET", "/model/proxy/999/x", headers: [:])
            #expect(proxyMiss.status == 404)
            #expect(try proxyMiss.json() == ["detail": "Not Found"])
            let wrongMethod = try await client.send("PUT", "/v1/rerank")
            #expect(try wrongMethod.json() == ["detail": "Method Not Allowed"])
            var request = helloChat
            request["stream"] = true
            let (events, _) = try await client.stream("/v1/chat/completions", json: request)
            let usage = events.dropLast().compactMap { try? JSON(parsing: $0.data) }.last
            #expect(usage?["choices"] == [])
            #expect(usage?["usage"]?["total_tokens"] != nil)
            let models = try await client.send("GET", "/v1/models")
            #expect(String(decoding: models.body, as: UTF8.self).hasPrefix(
                #"{"data":[{"id":"qwen3","created":1767225600,"object":"model","owned_by":"gpustack","shutdown_date":null,"meta":null}"#))
        }
    }

    @Test("A configuration file replaces models, keys, seed, clock, limits, pace and deviations")
    func configurationFile() throws {
        let text = """
            {"models": [{"name": "tiny-chat", "kinds": ["chat", "messages"]},
                        {"name": "vectors", "kinds": ["embeddings"], "dimensions": 8, "customDimensions": true, "routeId": 7, "genericProxy": true}],
             "apiKeys": ["k1"], "seed": 9, "clock": "system", "bodyLimitBytes": 2048,
             "streaming": {"timeToFirstTokenMs": 5, "interTokenMs": 1, "jitterMs": 1},
             "deviations": ["rerank-unsorted"], "emulate": "gpustack", "responseMemoEntries": 64}
            """
        let configuration = try ConfigurationFile.parse(Array(text.utf8), file: "mock.json")
        #expect(configuration.models.map(\.name) == ["tiny-chat", "vectors"])
        #expect(configuration.models[1].routeID == 7 && configuration.models[1].dimensions == 8)
        #expect(configuration.acceptedKeys == ["k1"])
        #expect(configuration.seed == 9 && configuration.clock == .system && configuration.bodyLimit == 2048)
        #expect(configuration.pace.timeToFirstToken == .milliseconds(5))
        #expect(configuration.deviations == [.rerankUnsorted] && configuration.emulation == .gpustack)
        #expect(configuration.responseMemoEntries == 64)
        #expect(MockConfiguration().responseMemoEntries == 0)
    }

    @Test("A malformed configuration names the file and the member", arguments: [
        (#"{"models": [{"name": "x", "kinds": ["chatty"]}]}"#, "/models/0/kinds/0"),
        (#"{"models": [{"name": "x"}]}"#, "/models/0"),
        (#"{"seed": "one"}"#, "/seed"),
        (#"{"deviations": ["rerank-sorted"]}"#, "/deviations/0"),
        (#"{"colour": 1}"#, "/colour"),
        (#"{"models": [{"name": "a", "kinds": ["rerank"], "routeId": 1}, {"name": "b", "kinds": ["rerank"], "routeId": 1}]}"#, "/models/1/routeId"),
        (#"{"streaming": {"interTokenMs": -1}}"#, "/streaming/interTokenMs"),
        (#"{"models": [{"name": "9lives", "kinds": ["chat"]}]}"#, "/models/0/name"),
        (#"{"models": "#, ""),
        (#"{"responseMemoEntries": -1}"#, "/responseMemoEntries"),
    ])
    func malformedConfiguration(text: String, pointer: String) {
        #expect {
            _ = try ConfigurationFile.parse(Array(text.utf8), file: "mock.json")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.file == "mock.json" && error.pointer == pointer && error.description.hasPrefix("mock.json")
        }
    }

    @Test("A configured model set is what the mock serves")
    func configuredModels() async throws {
        let configuration = try ConfigurationFile.parse(
            Array(#"{"models": [{"name": "vectors", "kinds": ["embeddings"], "dimensions": 8}]}"#.utf8), file: "mock.json")
        try await withMock(configuration) { client in
            let json = try await client.send("POST", "/v1/embeddings", json: ["model": "vectors", "input": "x"]).json()
            #expect(json["data"]?[0]?["embedding"]?.arrayValue?.count == 8)
            let other = try await client.send("POST", "/v1/chat/completions", json: helloChat)
            #expect(other.status == 404)
        }
    }

    @Test("Streaming pace delays tokens, and a client leaving mid-stream leaves the mock serving")
    func paceAndDisconnect() async throws {
        var configuration = MockConfiguration()
        configuration.pace = .init(timeToFirstToken: .milliseconds(150), interToken: .milliseconds(20))
        try await withMock(configuration) { client in
            var request = helloChat
            request["stream"] = true
            let clock = ContinuousClock()
            let start = clock.now
            let (events, _) = try await client.stream("/v1/chat/completions", json: request)
            #expect(clock.now - start >= .milliseconds(150 + 20 * (events.count - 4)))
            let response = try await client.transport.openEventStream(
                OutgoingRequest(method: "POST", url: client.baseURL + "/v1/chat/completions",
                                headers: ["Authorization": "Bearer \(MockClient.key)"], body: .json(request)))
            for await item in response {
                if case .event = item { break }
            }
            let after = try await client.send("GET", "/v1/models")
            #expect(after.status == 200)
        }
    }
}
