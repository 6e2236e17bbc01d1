import ConformHTTP
import ConformJSON
import ConformSchema
import Foundation
import HTTPWire
import MockProvider
import Testing

@Suite("Anthropic messages and the generic proxy")
struct MessagesAndProxyTests {
    static let message: JSON = ["model": "qwen3", "max_tokens": 32, "messages": [["role": "user", "content": "Hello!"]]]

    @Test("Messages accept x-api-key and Bearer with any anthropic-version and answer an Anthropic message")
    func plainMessage() async throws {
        try await withMock { client in
            for headers: HeaderFields in [
                ["x-api-key": MockClient.key, "anthropic-version": "2023-06-01"],
                ["Authorization": "Bearer \(MockClient.key)", "anthropic-version": "2026-10-21"],
            ] {
                let json = try await client.send("POST", "/v1/messages", json: Self.message, headers: headers).json()
                #expect(json["type"] == "message")
                #expect(json["role"] == "assistant")
                #expect(json["content"]?[0]?["type"] == "text")
                #expect(json["usage"]?["input_tokens"] == 3)
            }
            let missing = try await client.send("POST", "/v1/messages", json: ["model": "qwen3", "messages": [["role": "user", "content": "x"]]])
            #expect(missing.status == 400)
            #expect(try missing.json()["error"]?["type"] == "invalid_request_error")
            let unauthorized = try await client.send("POST", "/v1/messages", json: Self.message, headers: [:])
            #expect(unauthorized.status == 401)
            #expect(try unauthorized.json() == ["type": "error", "error": ["type": "authentication_error", "message": .string(try unauthorized.json()["error"]?["message"]?.stringValue ?? "")]])
        }
    }

    @Test("A message stream has the full named lifecycle and matches the plain message")
    func streamedMessage() async throws {
        try await withMock { client in
            var request = Self.message
            request["stream"] = true
            let (events, _) = try await client.stream("/v1/messages", json: request)
            let names = events.compactMap(\.event)
            #expect(names.count == events.count)
            #expect(names.first == "message_start" && names.last == "message_stop")
            #expect(Array(names.prefix(3)) == ["message_start", "content_block_start", "ping"])
            #expect(names.suffix(3) == ["content_block_stop", "message_delta", "message_stop"])
            let parsed = try events.map { try JSON(parsing: $0.data) }
            #expect(zip(names, parsed).allSatisfy { $0 == $1["type"]?.stringValue })
            let text = parsed.compactMap { $0["delta"]?["text"]?.stringValue }.joined()
            let plain = try await client.send("POST", "/v1/messages", json: Self.message).json()
            #expect(text == plain["content"]?[0]?["text"]?.stringValue)
        }
    }

    @Test("Messages with tools answer a tool_use block, streamed as input_json_delta")
    func toolUse() async throws {
        try await withMock { client in
            var request = Self.message
            request["tools"] = [["name": "lookup", "input_schema": ["type": "object", "properties": ["term": ["type": "string"]], "required": ["term"]]]]
            let json = try await client.send("POST", "/v1/messages", json: request).json()
            #expect(json["stop_reason"] == "tool_use")
            let block = try #require(json["content"]?.arrayValue?.first { $0["type"] == "tool_use" })
            #expect(block["name"] == "lookup")
            #expect(block["input"]?["term"]?.stringValue != nil)
            request["stream"] = true
            let (events, _) = try await client.stream("/v1/messages", json: request)
            let parsed = try events.map { try JSON(parsing: $0.data) }
            let partial = parsed.compactMap { $0["delta"]?["partial_json"]?.stringValue }.joined()
            #expect(try JSON(parsing: partial) == block["input"])
        }
    }

    @Test("Proxy path form keeps method, path remainder, query and body and strips the client's key")
    func proxyPathForm() async throws {
        try await withMock { client in
            let headers: HeaderFields = ["Authorization": "Bearer \(MockClient.key)", "X-API-Key": MockClient.key, "X-Custom": "kept"]
            let response = try await client.send("PATCH", "/model/proxy/43/v1/things?limit=2&q=a%20b", json: ["a": 1], headers: headers)
            #expect(response.status == 200)
            let echo = try response.json()
            #expect(echo["method"] == "PATCH")
            #expect(echo["path"] == "/v1/things")
            #expect(echo["query"] == "limit=2&q=a%20b")
            #expect(echo["json"] == ["a": 1])
            #expect(echo["headers"]?["authorization"] == nil)
            #expect(echo["headers"]?["x-api-key"] == nil)
            #expect(echo["headers"]?["x-custom"] == "kept")
            let schema = try SchemaCatalog(directory: packageRoot.appending(path: "Schemas")).schema(named: "mock/proxy-echo")
            #expect(schema.validate(echo).isEmpty)
            let embed = try await client.send("POST", "/model/proxy/42/embed", json: ["inputs": ["What is Deep Learning?", "Deep Learning is not..."]])
            #expect(try embed.json().arrayValue?.count == 2)
            #expect(try embed.json()[0]?.arrayValue?.count == 1024)
        }
    }

    @Test("Proxy header form by X-GPUStack-Model or the body's model; misses are 404; the key is still required")
    func proxyHeaderForm() async throws {
        try await withMock { client in
            let byHeader = try await client.send(
                "POST", "/model/proxy/embed", json: ["inputs": "x"],
                headers: ["Authorization": "Bearer \(MockClient.key)", "X-GPUStack-Model": "bge-m3"])
            #expect(byHeader.status == 200)
            let byBody = try await client.send("POST", "/model/proxy/echo", json: ["model": "proxy-echo"])
            #expect(try byBody.json()["path"] == "/echo")
            #expect(try await client.send("POST", "/model/proxy/embed", json: ["inputs": "x"]).status == 404)
            #expect(try await client.send("POST", "/model/proxy/999/embed", json: ["inputs": "x"]).status == 404)
            #expect(try await client.send("POST", "/model/proxy/embed", json: ["model": "qwen3"]).status == 404)
            #expect(try await client.send("POST", "/model/proxy/42/embed", json: ["inputs": "x"], headers: [:]).status == 401)
        }
    }

    @Test("The Anthropic and proxy deviations really deviate")
    func deviations() async throws {
        try await withMock(deviating(.proxyDropQuery, .proxyLeakAuth, .anthropicStreamNoMessageStop, .anthropicErrorOpenAIShape)) { client in
            let echo = try await client.send("GET", "/model/proxy/43/x?keep=1").json()
            #expect(echo["query"] == .null)
            #expect(echo["headers"]?["authorization"] == .string("Bearer \(MockClient.key)"))
            var request = Self.message
            request["stream"] = true
            let (events, _) = try await client.stream("/v1/messages", json: request)
            #expect(events.last?.event == "message_delta")
            let error = try await client.send("POST", "/v1/messages", json: Self.message, headers: [:]).json()
            #expect(error["type"] == nil && error["error"]?["param"] != nil)
        }
    }
}
