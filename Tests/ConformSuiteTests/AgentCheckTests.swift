import ConformContract
import ConformJSON
import ConformSuite
import Testing

/// The checks of the agent contract (tool calls, structured output, the parameters a request
/// sets) on hand-made answers: what passes, and each way of breaking the rule that must fail.
@Suite struct AgentCheckTests {
    static let weather: JSON = [
        "type": "function",
        "function": [
            "name": "get_weather",
            "parameters": ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]],
        ],
    ]

    func chatContext(_ extra: JSONObject = [:], stream: Bool = false) -> CheckContext {
        var body: JSONObject = ["model": "${model.chat}", "messages": [["role": "user", "content": "Hi"]], "tools": [Self.weather]]
        for (key, value) in extra { body[key] = value }
        let expectation = Expectation(status: [200], stream: stream ? StreamExpectation() : nil)
        return makeContext(makeFixture(endpoint: .chat, body: .json(.object(body)), expectation: expectation))
    }

    static func completion(_ calls: [JSON], finish: String = "tool_calls") -> JSON {
        [
            "id": "chatcmpl-1", "object": "chat.completion",
            "choices": [
                [
                    "index": 0, "finish_reason": .string(finish),
                    "message": ["role": "assistant", "content": .null, "tool_calls": .array(calls)],
                ]
            ],
        ]
    }

    static func call(_ name: String = "get_weather", arguments: String = #"{"city":"Paris"}"#, id: String = "call_1") -> JSON {
        ["id": .string(id), "type": "function", "function": ["name": .string(name), "arguments": .string(arguments)]]
    }

    @Test func wellFormedToolCallsPass() {
        #expect(judge(ChatToolCallsCheck(), chatContext(["tool_choice": "required"]), jsonResponse(Self.completion([Self.call()]))) == .pass)
        // A forced function may end with "stop", as the OpenAI API itself answers.
        let forced = chatContext(["tool_choice": ["type": "function", "function": ["name": "get_weather"]]])
        #expect(judge(ChatToolCallsCheck(), forced, jsonResponse(Self.completion([Self.call()], finish: "stop"))) == .pass)
    }

    @Test(arguments: [
        (["tool_choice": "none"] as JSONObject, AgentCheckTests.completion([AgentCheckTests.call()]), "tool_choice is none"),
        ([:], AgentCheckTests.completion([AgentCheckTests.call("get_time")]), "which the request did not offer"),
        ([:], AgentCheckTests.completion([AgentCheckTests.call(arguments: #"{"town":"Paris"}"#)]), "does not satisfy the schema"),
        ([:], AgentCheckTests.completion([AgentCheckTests.call(arguments: #"{"city":"Par"#)]), "are not JSON"),
        ([:], AgentCheckTests.completion([AgentCheckTests.call(), AgentCheckTests.call()]), "repeats the id"),
        ([:], AgentCheckTests.completion([AgentCheckTests.call()], finish: "stop"), "not 'tool_calls'"),
        (["tool_choice": "required"], AgentCheckTests.completion([], finish: "stop"), "requires a tool call"),
        (["parallel_tool_calls": false], AgentCheckTests.completion([AgentCheckTests.call(), AgentCheckTests.call(id: "call_2")]), "parallel_tool_calls is false"),
    ] as [(JSONObject, JSON, String)])
    func brokenToolCallsFail(_ request: JSONObject, _ answer: JSON, _ message: String) {
        let result = judge(ChatToolCallsCheck(), chatContext(request), jsonResponse(answer))
        #expect(result.verdict == .fail)
        #expect(result.message?.contains(message) == true, "\(result.message ?? "")")
    }

    static func toolChunk(_ call: JSON, finish: String? = nil) -> String {
        let choice: JSON = [
            "index": 0, "delta": ["tool_calls": [call]], "finish_reason": finish.map(JSON.string) ?? .null,
        ]
        return JSON.object(["id": "c", "object": "chat.completion.chunk", "choices": [choice]]).serializedString()
    }

    @Test func streamedToolCallsAssembleAndTheirDeltasAreJudged() {
        let opening = Self.toolChunk(["index": 0, "id": "call_1", "type": "function", "function": ["name": "get_weather", "arguments": ""]])
        let piece1 = Self.toolChunk(["index": 0, "function": ["arguments": #"{"city":"#]])
        let piece2 = Self.toolChunk(["index": 0, "function": ["arguments": #""Paris"}"#]])
        let finish = #"{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#
        let good = streamResponse([(nil, opening), (nil, piece1), (nil, piece2), (nil, finish), (nil, "[DONE]")])
        let context = chatContext(["tool_choice": "required"], stream: true)
        #expect(judge(ChatToolCallsCheck(), context, good) == .pass)
        let assembled = good.content(of: .chat)
        #expect(assembled?["choices"]?[0]?["message"]?["tool_calls"]?[0]?["function"]?["arguments"] == #"{"city":"Paris"}"#)

        let noIndex = Self.toolChunk(["id": "call_1", "type": "function", "function": ["name": "get_weather", "arguments": "{}"]])
        let withoutIndex = judge(ChatToolCallsCheck(), context, streamResponse([(nil, noIndex), (nil, finish), (nil, "[DONE]")]))
        #expect(withoutIndex.message?.contains("has no integer index") == true)
        let unnamed = streamResponse([(nil, piece1), (nil, piece2), (nil, finish), (nil, "[DONE]")])
        #expect(judge(ChatToolCallsCheck(), context, unnamed).message?.contains("lacks id, type: function, function.name") == true)
    }

    func messagesContext(stream: Bool) -> CheckContext {
        let tool: JSON = ["name": "get_weather", "input_schema": Self.weather["function"]!["parameters"]!]
        let body: JSON = [
            "model": "${model.chat}", "max_tokens": 64, "messages": [["role": "user", "content": "Hi"]], "tools": [tool],
            "tool_choice": ["type": "any"],
        ]
        let expectation = Expectation(status: [200], stream: stream ? StreamExpectation() : nil)
        return makeContext(makeFixture(endpoint: .messages, body: .json(body), expectation: expectation))
    }

    static func anthropicStream(start input: JSON, deltas: [JSON]) -> ObservedResponse {
        var events: [(String?, String)] = [
            ("message_start", #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"stop_reason":null,"usage":{"input_tokens":1,"output_tokens":0}}}"#),
            (
                "content_block_start",
                JSON.object([
                    "type": "content_block_start", "index": 0,
                    "content_block": ["type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": input],
                ]).serializedString()
            ),
        ]
        for delta in deltas {
            events.append(("content_block_delta", JSON.object(["type": "content_block_delta", "index": 0, "delta": delta]).serializedString()))
        }
        events += [
            ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
            ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":9}}"#),
            ("message_stop", #"{"type":"message_stop"}"#),
        ]
        return streamResponse(events)
    }

    @Test func anthropicToolUseStreamsItsInputAsJSONDeltas() {
        let context = messagesContext(stream: true)
        let good = Self.anthropicStream(
            start: [:],
            deltas: [["type": "input_json_delta", "partial_json": #"{"city":"#], ["type": "input_json_delta", "partial_json": #""Paris"}"#]])
        #expect(judge(AnthropicToolUseCheck(), context, good) == .pass)
        #expect(good.content(of: .messages)?["content"]?[0]?["input"] == ["city": "Paris"])
        #expect(good.content(of: .messages)?["usage"]?["output_tokens"] == 9)

        let whole = Self.anthropicStream(start: ["city": "Paris"], deltas: [])
        #expect(judge(AnthropicToolUseCheck(), context, whole).message?.contains("opens with its input whole") == true)
        let asText = Self.anthropicStream(start: [:], deltas: [["type": "text_delta", "text": #"{"city":"Paris"}"#]])
        #expect(judge(AnthropicToolUseCheck(), context, asText).message?.contains("gets a text_delta delta") == true)
        let broken = Self.anthropicStream(start: [:], deltas: [["type": "input_json_delta", "partial_json": #"{"city":"#]])
        #expect(judge(AnthropicToolUseCheck(), context, broken).message?.contains("is not a JSON object") == true)
    }

    @Test func anthropicToolUseAsTextFailsTheToolChoice() {
        let message: JSON = [
            "type": "message", "role": "assistant", "content": [["type": "text", "text": #"{"city":"Paris"}"#]], "stop_reason": "end_turn",
        ]
        #expect(judge(AnthropicToolUseCheck(), messagesContext(stream: false), jsonResponse(message)).message?.contains("no tool_use block") == true)
    }

    @Test func responsesArgumentsMustEqualTheirDeltas() {
        let tool: JSON = ["type": "function", "name": "get_weather", "parameters": Self.weather["function"]!["parameters"]!]
        let body: JSON = ["model": "${model.chat}", "input": "Hi", "tools": [tool], "tool_choice": "required", "stream": true]
        let context = makeContext(makeFixture(endpoint: .responses, body: .json(body), expectation: Expectation(status: [200], stream: StreamExpectation())))
        let item: JSON = ["type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "get_weather", "arguments": #"{"city":"Paris"}"#]
        func event(_ type: String, _ members: JSONObject) -> (String?, String) {
            var object = members
            object["type"] = .string(type)
            return (type, JSON.object(object).serializedString())
        }
        let stream = streamResponse([
            event("response.output_item.added", ["output_index": 0, "item": ["type": "function_call", "call_id": "call_1", "name": "get_weather", "arguments": ""]]),
            event("response.function_call_arguments.delta", ["output_index": 0, "delta": #"{"city":"Par"#]),
            event("response.function_call_arguments.done", ["output_index": 0, "arguments": #"{"city":"Paris"}"#]),
            event("response.completed", ["response": ["status": "completed", "output": [item]]]),
        ])
        #expect(judge(ResponsesFunctionCallsCheck(), context, stream).message?.contains("the .delta pieces joined give") == true)
    }

    @Test func structuredOutputIsValidatedAgainstTheSchemaSent() {
        let schema: JSON = ["type": "object", "properties": ["n": ["type": "integer"]], "required": ["n"]]
        let context = chatContext(["response_format": ["type": "json_schema", "json_schema": ["name": "s", "schema": schema]]])
        func answer(_ content: String, finish: String = "stop") -> ObservedResponse {
            jsonResponse(["choices": [["index": 0, "finish_reason": .string(finish), "message": ["role": "assistant", "content": .string(content)]]]])
        }
        #expect(judge(StructuredOutputCheck(), context, answer(#"{"n": 3}"#)) == .pass)
        #expect(judge(StructuredOutputCheck(), context, answer(#"{"n": "three"}"#)).message?.contains("does not satisfy the schema") == true)
        #expect(judge(StructuredOutputCheck(), context, answer("Sure! {\"n\": 3}")).message?.contains("is not JSON") == true)
        #expect(judge(StructuredOutputCheck(), context, answer(#"{"n": "#, finish: "length")).verdict == .skip)
        let object = chatContext(["response_format": ["type": "json_object"]])
        #expect(judge(StructuredOutputCheck(), object, answer("[1, 2]")).message?.contains("not an object") == true)
    }

    @Test func parametersAreHonoured() {
        let completions = makeContext(
            makeFixture(endpoint: .completions, body: .json(["model": "m", "prompt": ["a", "b"], "n": 2, "stop": [" "], "max_tokens": 3])))
        func choices(_ texts: [String], completionTokens: Int = 3) -> ObservedResponse {
            jsonResponse([
                "choices": .array(texts.enumerated().map { ["index": .integer(Int64($0.offset)), "text": .string($0.element), "finish_reason": "stop"] }),
                "usage": ["completion_tokens": .integer(Int64(completionTokens))],
            ])
        }
        #expect(judge(ChoicesCountCheck(), completions, choices(["a", "b", "c", "d"])) == .pass)
        #expect(judge(ChoicesCountCheck(), completions, choices(["a", "b"])).message == "n 2 for each of 2 prompts asks for 4 choices, but the answer has 2")
        #expect(judge(StopSequencesCheck(), completions, choices(["one two"])).message?.contains("contains the stop sequence") == true)
        #expect(judge(OutputTokenLimitCheck(), completions, choices(["a"], completionTokens: 40)).verdict == .fail)

        let messages = makeContext(
            makeFixture(endpoint: .messages, body: .json(["model": "m", "max_tokens": 5, "stop_sequences": ["END"], "messages": []])))
        let atLimit: JSON = ["content": [["type": "text", "text": "a b c"]], "stop_reason": "end_turn", "usage": ["output_tokens": 5]]
        #expect(judge(OutputTokenLimitCheck(), messages, jsonResponse(atLimit)).message?.contains("end_turn, not max_tokens") == true)
        let wrongSequence: JSON = ["content": [["type": "text", "text": "a"]], "stop_reason": "stop_sequence", "stop_sequence": "STOP"]
        #expect(judge(StopSequencesCheck(), messages, jsonResponse(wrongSequence)).verdict == .fail)

        let responses = makeContext(makeFixture(endpoint: .responses, body: .json(["model": "m", "input": "x", "max_output_tokens": 16])))
        let raised: JSON = ["status": "completed", "max_output_tokens": 4096, "output": [], "usage": ["output_tokens": 40]]
        #expect(judge(OutputTokenLimitCheck(), responses, jsonResponse(raised)).message?.contains("not the 16 the request set") == true)
    }

    @Test func logprobsAndDimensions() {
        let context = chatContext(["logprobs": true, "top_logprobs": 1])
        func answer(_ entry: JSON) -> ObservedResponse {
            jsonResponse(["choices": [["index": 0, "message": ["role": "assistant", "content": "Hi"], "logprobs": ["content": [entry]]]]])
        }
        let good: JSON = ["token": "Hi", "logprob": -0.1, "bytes": [72, 105], "top_logprobs": [["token": "Hi", "logprob": -0.1, "bytes": [72, 105]]]]
        #expect(judge(ChatLogprobsCheck(), context, answer(good)) == .pass)
        var positive = good
        positive["logprob"] = 0.5
        #expect(judge(ChatLogprobsCheck(), context, answer(positive)).message?.contains("above 0") == true)
        var many = good
        many["top_logprobs"] = [good, good]
        #expect(judge(ChatLogprobsCheck(), context, answer(many)).message?.contains("more than the 1 requested") == true)
        let missing = jsonResponse(["choices": [["index": 0, "message": ["role": "assistant", "content": "Hi"], "logprobs": .null]]])
        #expect(judge(ChatLogprobsCheck(), context, missing).verdict == .fail)

        let embed = makeContext(makeFixture(endpoint: .embeddings, body: .json(["model": "m", "input": "x", "dimensions": 2])))
        #expect(judge(EmbeddingsDimensionsCheck(), embed, jsonResponse(["data": [["index": 0, "embedding": [0.1, 0.2]]]])) == .pass)
        #expect(judge(EmbeddingsDimensionsCheck(), embed, jsonResponse(["data": [["index": 0, "embedding": [0.1, 0.2, 0.3]]]])).verdict == .fail)
        #expect(judge(EmbeddingsDimensionsCheck(), embed, jsonResponse(["error": ["message": "no"]], status: 400)).verdict == .skip)
    }

    static func timedStream(_ arrivals: [Int], head: Int? = 5) -> ObservedResponse {
        let events = arrivals.enumerated().map { StreamEvent(index: $0.offset, name: nil, data: "{}", arrival: .milliseconds($0.element)) }
        return ObservedResponse(
            status: 200, headers: [HeaderLine(name: "Content-Type", value: "text/event-stream")], body: [],
            stream: ObservedStream(events: events, headArrival: head.map { .milliseconds($0) }))
    }

    @Test func aStreamHeldBackAfterItsHeadFailsAndOneThatCameWithItsHeadIsNotJudged() {
        let context = chatContext(stream: true)
        #expect(judge(StreamIncrementalCheck(), context, Self.timedStream(Array(stride(from: 10, through: 400, by: 30)))) == .pass)
        let held = judge(StreamIncrementalCheck(), context, Self.timedStream(Array(repeating: 400, count: 12)))
        #expect(held.message?.contains("held back and delivered at the end") == true)
        // Head and events together, late: a fast server behind a slow network looks the same.
        #expect(judge(StreamIncrementalCheck(), context, Self.timedStream(Array(repeating: 400, count: 12), head: 399)).verdict == .skip)
        #expect(judge(StreamIncrementalCheck(), context, Self.timedStream(Array(repeating: 400, count: 12), head: nil)).verdict == .skip)
        #expect(judge(StreamIncrementalCheck(), context, Self.timedStream([10, 400])).verdict == .skip)
    }

    @Test func aChatStreamWithoutItsRoleFails() {
        let chunk = #"{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}"#
        let result = judge(ChatStreamRoleCheck(), chatContext(stream: true), streamResponse([(nil, chunk), (nil, "[DONE]")]))
        #expect(result.message?.contains("missing role for choice 0") == true)
    }

    @Test func proxyBytesHeadersAndEnvelopes() {
        let raw = makeFixture(
            endpoint: .proxyPath, path: "/model/proxy/43/conform-echo/raw", body: .text("a\r\nb"),
            expectation: Expectation(status: [200], headers: ["x-conform-echo": "raw", "x-absent": ["$absent": true]]))
        let context = makeContext(raw)
        #expect(judge(ProxyBytesRelayedCheck(), context, bytesResponse(Array("a\r\nb".utf8), contentType: "text/plain")) == .pass)
        #expect(judge(ProxyBytesRelayedCheck(), context, bytesResponse(Array("a\nb".utf8), contentType: "text/plain")).message?.contains("from byte 1") == true)
        let headed = ObservedResponse(status: 200, headers: [HeaderLine(name: "X-Conform-Echo", value: "raw")], body: [])
        #expect(judge(HeadersMatchCheck(), context, headed) == .pass)
        let wrong = ObservedResponse(status: 200, headers: [HeaderLine(name: "X-Absent", value: "1")], body: [])
        #expect(judge(HeadersMatchCheck(), context, wrong).verdict == .fail)

        let none: JSON = ["error": ["message": "Model not found", "type": "None", "param": .null, "code": .null]]
        #expect(judge(OpenAIErrorEnvelopeCheck(), chatContext(), jsonResponse(none, status: 404)).message?.contains("\"None\"") == true)
    }
}
