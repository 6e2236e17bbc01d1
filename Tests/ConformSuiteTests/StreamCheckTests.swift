import ConformContract
import ConformJSON
import ConformReport
import ConformSuite
import HTTPWire
import Testing

@Suite struct StreamCheckTests {
    func chatContext(includeUsage: Bool = false) -> CheckContext {
        var body: JSON = ["model": "${model.chat}", "messages": [["role": "user", "content": "Hello!"]], "stream": true]
        if includeUsage { body["stream_options"] = ["include_usage": true] }
        return makeContext(makeFixture(body: .json(body), expectation: Expectation(status: [200], stream: StreamExpectation())))
    }

    static func chunk(_ content: String?, finish: String? = nil, id: String = "chatcmpl-1", index: Int = 0) -> String {
        let delta = content.map { #"{"content":"\#($0)"}"# } ?? "{}"
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return
            #"{"id":"\#(id)","object":"chat.completion.chunk","created":1,"model":"qwen3","choices":[{"index":\#(index),"delta":\#(delta),"finish_reason":\#(reason)}]}"#
    }

    static let usageChunk =
        #"{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"qwen3","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}"#

    @Test func aWellFormedChatStreamPasses() {
        let stream = streamResponse([
            (nil, Self.chunk("Hel")), (nil, Self.chunk("lo")), (nil, Self.chunk(nil, finish: "stop")), (nil, "[DONE]"),
        ])
        #expect(judge(OpenAIStreamGrammarCheck(), chatContext(), stream) == .pass)
        let withUsage = streamResponse([(nil, Self.chunk("Hi", finish: "stop")), (nil, Self.usageChunk), (nil, "[DONE]")])
        #expect(judge(OpenAIStreamGrammarCheck(), chatContext(includeUsage: true), withUsage) == .pass)
    }

    @Test func aStreamWithoutDoneFails() {
        let stream = streamResponse([(nil, Self.chunk("Hi")), (nil, Self.chunk(nil, finish: "stop"))])
        #expect(
            judge(OpenAIStreamGrammarCheck(), chatContext(), stream).message
                == "the stream ended after 2 chunks without data: [DONE]")
        let cut = streamResponse([(nil, Self.chunk("Hi"))], interruption: StreamInterruption(kind: .eventWaitExceeded, message: "no event within 2 seconds"))
        #expect(
            judge(OpenAIStreamGrammarCheck(), chatContext(), cut).message
                == "the stream ended after 1 chunks without data: [DONE] (the stream was cut short: eventWaitExceeded: no event within 2 seconds)"
        )
    }

    @Test func aMissingUsageChunkFailsWhenItWasRequested() {
        let stream = streamResponse([(nil, Self.chunk("Hi", finish: "stop")), (nil, "[DONE]")])
        #expect(judge(OpenAIStreamGrammarCheck(), chatContext(), stream) == .pass)
        #expect(
            judge(OpenAIStreamGrammarCheck(), chatContext(includeUsage: true), stream).message
                == "stream_options.include_usage was requested, but no chunk with \"choices\": [] and usage arrived before data: [DONE] (event 1)"
        )
    }

    @Test func grammarViolationsNameTheEvent() {
        let cases: [([(String?, String)], String)] = [
            (
                [(nil, Self.chunk("a")), (nil, Self.chunk("b", id: "chatcmpl-2"))],
                "event 1 has id 'chatcmpl-2', but event 0 had 'chatcmpl-1'; one stream has one id"
            ),
            (
                [(nil, Self.chunk("a", finish: "stop")), (nil, Self.chunk("b"))],
                "event 1 continues choice 0 after its finish_reason 'stop' (event 0); finish_reason belongs on a choice's last chunk"
            ),
            ([(nil, Self.chunk("a")), (nil, "[DONE]")], "data: [DONE] (event 1) arrives before choice 0 had a finish_reason"),
            (
                [(nil, Self.chunk("a", finish: "stop")), (nil, "[DONE]"), (nil, Self.chunk("b"))],
                "event 2 arrives after data: [DONE] (event 1): '\(StreamEvent(index: 2, name: nil, data: Self.chunk("b")).dataPreview)'"
            ),
            (
                [(nil, Self.usageChunk), (nil, Self.chunk("a"))],
                "event 1 carries choices after the usage chunk (event 0); the usage chunk must come last"
            ),
            ([(nil, "not json")], "event 0 is neither a JSON object nor [DONE]: 'not json'"),
            (
                [(nil, #"{"error":{"message":"overloaded"}}"#)],
                "event 0 carries an error instead of a chunk: {\"message\":\"overloaded\"}"
            ),
        ]
        for (events, message) in cases {
            #expect(judge(OpenAIStreamGrammarCheck(), chatContext(), streamResponse(events)).message == message)
        }
    }

    @Test func aNonStreamAnswerIsNamed() {
        let refused = ObservedResponse(
            status: 401, headers: [HeaderLine(name: "content-type", value: "application/json")],
            body: Array(#"{"error":1}"#.utf8),
            stream: ObservedStream(events: []))
        #expect(
            judge(OpenAIStreamGrammarCheck(), chatContext(), refused).message
                == "no events arrived (status 401, application/json, {\"error\":1})")
    }

    // MARK: Anthropic

    var messagesContext: CheckContext {
        makeContext(
            makeFixture(
                endpoint: .messages, body: .json(["model": "${model.chat}", "stream": true]),
                expectation: Expectation(status: [200], stream: StreamExpectation())))
    }

    static func event(_ type: String, _ extra: String = "") -> (String?, String) {
        (type, #"{"type":"\#(type)"\#(extra)}"#)
    }

    static let lifecycle: [(String?, String)] = [
        event("message_start", #","message":{"id":"msg_1","content":[]}"#), event("ping"),
        event("content_block_start", #","index":0,"content_block":{"type":"text","text":""}"#),
        event("content_block_delta", #","index":0,"delta":{"type":"text_delta","text":"Hi"}"#), event("ping"),
        event("content_block_stop", #","index":0"#),
        event("message_delta", #","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":1}"#),
        event("message_stop"),
    ]

    @Test func theAnthropicLifecyclePasses() {
        #expect(judge(AnthropicStreamLifecycleCheck(), messagesContext, streamResponse(Self.lifecycle)) == .pass)
    }

    @Test func anAnthropicStreamWithoutMessageStopFails() {
        let verdict = judge(AnthropicStreamLifecycleCheck(), messagesContext, streamResponse(Array(Self.lifecycle.dropLast())))
        #expect(verdict.message == "the stream ended without message_stop (last event: message_delta)")
    }

    @Test func anthropicViolationsNameTheEvent() {
        var unnamed = Self.lifecycle
        unnamed[2].0 = nil
        var misnamed = Self.lifecycle
        misnamed[3].0 = "content_block_start"
        var wrongIndex = Self.lifecycle
        wrongIndex[3] = Self.event("content_block_delta", #","index":1,"delta":{}"#)
        var open = Self.lifecycle
        open.remove(at: 5)
        let cases: [([(String?, String)], String)] = [
            (unnamed, "event 2 (content_block_start) has no event: line; Anthropic clients skip unnamed events"),
            (misnamed, "event 3 is named 'content_block_start' but its data type is 'content_block_delta'"),
            (wrongIndex, "event 3 (content_block_delta) names block 1, but block 0 is open"),
            (open, "event 5 is message_delta while content block 0 is still open (no content_block_stop)"),
            (Array(Self.lifecycle.dropFirst()), "event 1 is content_block_start, but the stream must open with message_start"),
            (Self.lifecycle + [Self.event("ping")], "event 8 ('ping') arrives after message_stop (event 7)"),
            (
                [Self.event("message_start"), Self.event("error", #","error":{"type":"overloaded_error"}"#)],
                "event 1 is an error: {\"type\":\"overloaded_error\"}"
            ),
        ]
        for (events, message) in cases {
            #expect(judge(AnthropicStreamLifecycleCheck(), messagesContext, streamResponse(events)).message == message)
        }
    }

    // MARK: Responses

    var responsesContext: CheckContext {
        makeContext(
            makeFixture(
                endpoint: .responses, body: .json(["model": "${model.chat}", "stream": true]),
                expectation: Expectation(status: [200], stream: StreamExpectation())))
    }

    static func responsesEvent(_ type: String, _ number: Int, named: Bool = true) -> (String?, String) {
        (named ? type : nil, #"{"type":"\#(type)","sequence_number":\#(number)}"#)
    }

    @Test func aRisingResponsesSequencePasses() {
        let events = [
            Self.responsesEvent("response.created", 0), Self.responsesEvent("response.in_progress", 1),
            Self.responsesEvent("response.output_text.delta", 2), Self.responsesEvent("response.completed", 3),
        ]
        #expect(judge(ResponsesStreamSequenceCheck(), responsesContext, streamResponse(events)) == .pass)
    }

    @Test func responsesEventsMustBeNamedInTheirOwnBlock() {
        let unnamed = [Self.responsesEvent("response.created", 0), Self.responsesEvent("response.completed", 1, named: false)]
        #expect(
            judge(ResponsesStreamSequenceCheck(), responsesContext, streamResponse(unnamed)).message
                == "event 1 (response.completed) has no 'event:' line; Responses events are named after their type")
        // GPUStack 2.3.0's re-framing: each `event:` line in a block of its own, before its data.
        var split = streamResponse([Self.responsesEvent("response.created", 0, named: false), Self.responsesEvent("response.completed", 1, named: false)])
        split.stream?.diagnostics = [
            EventStreamDiagnostic(line: 2, kind: .eventWithoutData, message: "a block naming event 'response.created' has no data field and is not dispatched")
        ]
        #expect(
            judge(ResponsesStreamSequenceCheck(), responsesContext, split).message
                == "line 2: a block naming event 'response.created' has no data field and is not dispatched: 'event:' and 'data:' must share one block; the openai SDK reads this block as an event with empty data and raises")
    }

    @Test func responsesViolationsNameTheEvent() {
        let cases: [([(String?, String)], String)] = [
            (
                [Self.responsesEvent("response.created", 0), Self.responsesEvent("response.in_progress", 0)],
                "event 1 (response.in_progress) has sequence_number 0, not above 0 of event 0"
            ),
            (
                [Self.responsesEvent("response.in_progress", 0)],
                "event 0 is response.in_progress; the stream must open with response.created"
            ),
            (
                [
                    Self.responsesEvent("response.created", 0), Self.responsesEvent("response.completed", 1),
                    Self.responsesEvent("response.in_progress", 2),
                ],
                "event 2 arrives after the terminal response.completed (event 1)"
            ),
            (
                [Self.responsesEvent("response.created", 0), Self.responsesEvent("response.output_text.delta", 1)],
                "the stream ended after 2 events without response.completed, response.failed or response.incomplete"
            ),
            (
                [("response.created", #"{"type":"response.in_progress","sequence_number":0}"#)],
                "event 0 is named 'response.created' but its data type is 'response.in_progress'"
            ),
        ]
        for (events, message) in cases {
            #expect(judge(ResponsesStreamSequenceCheck(), responsesContext, streamResponse(events)).message == message)
        }
    }

    @Test func streamChecksNeedAStreamExpectation() {
        #expect(
            OpenAIStreamGrammarCheck().misuse(in: makeFixture()) == "needs expect.stream: the answer must be read as a stream")
    }
}
