import ConformHTTP
import ConformJSON
import HTTPWire
import MockProvider
import Testing
import Workers

/// A seeded generator of hostile requests: for every member of a valid request to every route,
/// extreme numbers, huge counts, long strings, deep nesting and wrong types in its place. The mock
/// must answer each without a 5xx, and go on serving.
@Suite("Hostile requests", .timeLimit(.minutes(3)))
struct HostileRequestTests {
    /// A valid request per route, the starting point for each mutation.
    static let requests: [(path: String, body: JSON)] = [
        (
            "/v1/chat/completions",
            [
                "model": "qwen3", "messages": [["role": "system", "content": "Be brief."], ["role": "user", "content": "Hello!"]],
                "max_tokens": 16, "n": 2, "stop": ["."], "logprobs": true, "top_logprobs": 2, "temperature": 0.5,
                "stream": false, "stream_options": ["include_usage": true],
                "tools": [["type": "function", "function": ["name": "f", "parameters": ["type": "object", "properties": ["a": ["type": "integer"]]]]]],
                "tool_choice": "auto", "response_format": ["type": "json_object"],
            ]
        ),
        ("/v1/completions", ["model": "qwen3", "prompt": ["a", "b"], "max_tokens": 8, "n": 2, "stop": " ", "echo": false]),
        (
            "/v1/responses",
            [
                "model": "qwen3", "input": [["role": "user", "content": [["type": "input_text", "text": "hi"]]]], "instructions": "x",
                "max_output_tokens": 32, "tools": [["type": "function", "name": "f", "parameters": ["type": "object"]]],
                "text": ["format": ["type": "json_schema", "name": "s", "schema": ["type": "object"]]],
            ]
        ),
        ("/v1/embeddings", ["model": "bge-m3", "input": ["a", "b"], "encoding_format": "base64", "dimensions": 64]),
        ("/v1/rerank", ["model": "bge-reranker-v2-m3", "query": "q", "documents": ["a", ["text": "b"]], "top_n": 1, "return_documents": false]),
        ("/v1/images/generations", ["model": "stable-diffusion-3.5-medium", "prompt": "p", "n": 1, "size": "64x64", "response_format": "b64_json"]),
        ("/v1/audio/speech", ["model": "cosyvoice-300m", "input": "hello", "voice": "alloy", "speed": 1.5, "response_format": "pcm"]),
        (
            "/v1/messages",
            [
                "model": "qwen3", "max_tokens": 32, "system": [["type": "text", "text": "s"]], "stop_sequences": ["x"],
                "messages": [["role": "user", "content": [["type": "text", "text": "hi"]]]],
                "tools": [["name": "t", "input_schema": ["type": "object"]]], "tool_choice": ["type": "auto"],
            ]
        ),
        ("/model/proxy/42/embed", ["inputs": ["a", "b"], "truncate": true]),
        ("/model/proxy/43/any/path", ["model": "proxy-echo", "payload": ["deep": [1, 2, 3]]]),
    ]

    /// What replaces a member: the edges of every JSON type, and sizes just past every limit
    /// (larger ones cost the test time and prove nothing more).
    static func hostileValues(_ random: inout SeededRandom) -> [JSON] {
        var nested: JSON = 1
        for _ in 0..<(50 + random.below(2000)) { nested = [nested] }
        var wide = JSONObject()
        for index in 0..<1000 { wide["k\(index)"] = .integer(Int64(index)) }
        return [
            .integer(Int64.max), .integer(Int64.min), .number(1e308), .number(-1e308), .number(5e-324), .integer(-1), .integer(0),
            .string(String(repeating: "漢", count: 9_000)), .string(""), .string("\u{0}\u{FFFF}"), .null, .bool(true), [:], [],
            .array(Array(repeating: .integer(9_223_372_036_854_775_807), count: 3_000)),
            .array(Array(repeating: .string("word"), count: 2_100)), nested, .object(wide),
        ]
    }

    /// Every pointer to a member or element of `json`, to a depth of five.
    static func pointers(in json: JSON, prefix: [String] = [], depth: Int = 0) -> [[String]] {
        guard depth < 5 else { return [] }
        switch json {
        case .object(let object):
            return object.flatMap { key, value in [prefix + [key]] + pointers(in: value, prefix: prefix + [key], depth: depth + 1) }
        case .array(let elements):
            return elements.indices.flatMap { index in
                [prefix + [String(index)]] + pointers(in: elements[index], prefix: prefix + [String(index)], depth: depth + 1)
            }
        default:
            return []
        }
    }

    static func replacing(_ json: JSON, at pointer: ArraySlice<String>, with value: JSON) -> JSON {
        guard let key = pointer.first else { return value }
        switch json {
        case .object(var object):
            object[key] = replacing(object[key] ?? .null, at: pointer.dropFirst(), with: value)
            return .object(object)
        case .array(var elements):
            guard let index = Int(key), elements.indices.contains(index) else { return json }
            elements[index] = replacing(elements[index], at: pointer.dropFirst(), with: value)
            return .array(elements)
        default:
            return json
        }
    }

    @Test func noHostileMemberGetsAServerErrorOrStopsTheMock() async throws {
        var random = SeededRandom(seed: 0x486F_7374_696C_65)
        var cases: [(String, JSON, String)] = []
        for (path, body) in Self.requests {
            for pointer in Self.pointers(in: body) {
                let values = Self.hostileValues(&random)
                // Three values per member, chosen by the seed; the generator is the same every run.
                for _ in 0..<3 {
                    let value = values[random.below(values.count)]
                    cases.append((path, Self.replacing(body, at: pointer[...], with: value), "/" + pointer.joined(separator: "/")))
                }
            }
        }
        #expect(cases.count > 300)
        let hostile = cases
        try await withMock { client in
            let failures = try await withThrowingTaskGroup(of: String?.self) { group in
                var next = 0
                var failures: [String] = []
                func add() {
                    guard next < hostile.count else { return }
                    let (path, body, pointer) = hostile[next]
                    next += 1
                    group.addTask {
                        let response = try await client.send("POST", path, json: body)
                        return response.status >= 500 ? "\(path) \(pointer): \(response.status) \(String(decoding: response.body.prefix(200), as: UTF8.self))" : nil
                    }
                }
                for _ in 0..<2 { add() }
                while let result = try await group.next() {
                    if let result { failures.append(result) }
                    add()
                }
                return failures
            }
            #expect(failures.isEmpty, "\(failures.prefix(10))")
            #expect(try await client.send("GET", "/v1/models").status == 200)
        }
    }
}
