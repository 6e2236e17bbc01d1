import ConformHTTP
import ConformJSON
import MockProvider
import Testing

/// Client-supplied JSON Schemas (structured output, tool parameters) whose bounds would overflow
/// 64-bit arithmetic or ask for unbounded work: each is refused with 400 naming the field, and the
/// mock goes on serving.
@Suite("Hostile schemas")
struct HostileSchemaTests {
    static let hostile: [(name: String, schema: JSON, mention: String)] = [
        ("minimum at Int64.max", ["type": "integer", "minimum": 9_223_372_036_854_775_807], ""),
        ("range wider than 2^63", ["type": "integer", "minimum": -9_223_372_036_854_775_807, "maximum": 9_223_372_036_854_775_807], ""),
        ("minimum beyond 64 bits", ["type": "integer", "minimum": 1e30], "minimum"),
        ("maximum below 64 bits", ["type": "integer", "maximum": -1e30], "maximum"),
        ("exclusiveMinimum at Int64.max", ["type": "integer", "exclusiveMinimum": 9_223_372_036_854_775_807], "exclusiveMinimum"),
        ("a trillion items", ["type": "array", "minItems": 1_000_000_000_000], "minItems"),
        ("nested arrays multiplying", ["type": "array", "minItems": 900, "items": ["type": "array", "minItems": 900]], "values"),
        ("a gigabyte string", ["type": "string", "minLength": 1_000_000_000], "minLength"),
        ("a reference loop", ["$ref": "#"], "refers to itself"),
        ("a reference nowhere", ["$ref": "#/$defs/missing"], "reference"),
        ("an empty range", ["type": "integer", "minimum": 10, "maximum": 1], "no integer"),
    ]

    /// The same schema where each route carries one, with the param a refusal must name.
    static func requests(for schema: JSON) -> [(path: String, body: JSON, param: String)] {
        let user: JSON = [["role": "user", "content": "hi"]]
        return [
            (
                "/v1/chat/completions",
                ["model": "qwen3", "messages": user, "response_format": ["type": "json_schema", "json_schema": ["name": "s", "schema": schema]]],
                "response_format.json_schema.schema"
            ),
            (
                "/v1/chat/completions",
                ["model": "qwen3", "messages": user, "tool_choice": "required",
                 "tools": [["type": "function", "function": ["name": "f", "parameters": schema]]]],
                "tools[0].function.parameters"
            ),
            (
                "/v1/responses",
                ["model": "qwen3", "input": "hi", "text": ["format": ["type": "json_schema", "name": "s", "schema": schema]]],
                "text.format.schema"
            ),
            (
                "/v1/responses",
                ["model": "qwen3", "input": "hi", "tool_choice": "required",
                 "tools": [["type": "function", "name": "f", "parameters": schema]]],
                "tools[0].parameters"
            ),
            (
                "/v1/messages",
                ["model": "qwen3", "max_tokens": 64, "messages": user, "tool_choice": ["type": "any"],
                 "tools": [["name": "f", "input_schema": schema]]],
                "tools.0.input_schema"
            ),
        ]
    }

    @Test("The request that stopped the mock: an integer minimum at 2^63 - 1 in response_format", .timeLimit(.minutes(1)))
    func theReportedRequest() async throws {
        try await withMock { client in
            let body = try JSONParser().parse(Array(#"""
                {"model":"qwen3","messages":[{"role":"user","content":"hi"}],
                "response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"integer",
                "minimum":9223372036854775807}}}}
                """#.utf8))
            let answer = try await client.send("POST", "/v1/chat/completions", json: body)
            // 2^63 - 1 is a satisfiable minimum: the answer is that integer, or a refusal; never a crash.
            #expect(answer.status == 200 || answer.status == 400)
            if answer.status == 200 {
                let content = try answer.json()["choices"]?[0]?["message"]?["content"]?.stringValue
                #expect(content == "9223372036854775807")
            }
            #expect(try await client.send("GET", "/v1/models").status == 200)
        }
    }

    @Test("Every hostile schema on every route gets 400 naming the field, or a valid answer, and the mock stays up", .timeLimit(.minutes(2)))
    func refusedEverywhere() async throws {
        try await withMock { client in
            for hostile in Self.hostile {
                for request in Self.requests(for: hostile.schema) {
                    let answer = try await client.send("POST", request.path, json: request.body)
                    let satisfiable = hostile.mention.isEmpty
                    if satisfiable && answer.status == 200 { continue }
                    #expect(answer.status == 400, "\(hostile.name) at \(request.path): \(answer.status) \(answer.text)")
                    let json = try answer.json()
                    let message = (json["error"]?["message"]?.stringValue ?? "")
                    #expect(message.contains(request.param), "\(hostile.name) at \(request.path): \(message)")
                    #expect(message.contains(hostile.mention), "\(hostile.name) at \(request.path): \(message)")
                    if request.path != "/v1/messages" {
                        #expect(json["error"]?["param"]?.stringValue == request.param, "\(hostile.name) at \(request.path)")
                    } else {
                        #expect(json["type"] == "error" && json["error"]?["type"] == "invalid_request_error")
                    }
                }
            }
            #expect(try await client.send("GET", "/v1/models").status == 200)
        }
    }
}
