import ConformContract
import ConformJSON
import ConformReport
import ConformSuite
import Testing

@Suite struct ResponseCheckTests {
    @Test func statusPassesOnAnExpectedCodeAndNamesTheBodyOtherwise() {
        let context = makeContext(makeFixture(expectation: Expectation(status: [400, 422])))
        #expect(judge(StatusCheck(), context, jsonResponse(["error": "bad"], status: 422)) == .pass)
        let verdict = judge(StatusCheck(), context, jsonResponse(["error": "bad"], status: 500))
        #expect(verdict.message == "expected status 400 or 422, got 500 with {\"error\":\"bad\"}")
        let refused = judge(StatusCheck(), makeContext(makeFixture()), jsonResponse(["error": "key"], status: 401))
        #expect(refused.message == "expected status 200, got 401 with {\"error\":\"key\"}; the server refused the API key")
    }

    @Test func contentTypeAcceptsExactTypesAndWholeTypes() {
        let context = makeContext(
            makeFixture(expectation: Expectation(status: [200], contentTypes: ["audio/*", "application/octet-stream"])))
        #expect(judge(ContentTypeCheck(), context, bytesResponse([1], contentType: "audio/wav; rate=24000")) == .pass)
        #expect(judge(ContentTypeCheck(), context, bytesResponse([1], contentType: "Application/Octet-Stream")) == .pass)
        #expect(
            judge(ContentTypeCheck(), context, bytesResponse([1], contentType: "text/plain")).message
                == "Content-Type is text/plain, expected audio/* or application/octet-stream")
        let missing = ObservedResponse(status: 200, headers: [], body: [1])
        #expect(
            judge(ContentTypeCheck(), context, missing).message
                == "no Content-Type header; expected audio/* or application/octet-stream")
    }

    @Test func jsonMatchFillsPlaceholdersAndNamesMismatches() {
        let fixture = makeFixture(
            expectation: Expectation(status: [200], json: ["model": "${model.chat}", "object": "chat.completion"]))
        let context = makeContext(fixture)
        #expect(
            judge(JSONMatchCheck(), context, jsonResponse(["model": "qwen3", "object": "chat.completion", "id": "x"])) == .pass)
        let verdict = judge(JSONMatchCheck(), context, jsonResponse(["model": "other", "object": "chat.completion"]))
        #expect(verdict.message == "/model: expected \"qwen3\", got \"other\"")
        #expect(
            judge(JSONMatchCheck(), context, bytesResponse(Array("hi".utf8), contentType: "text/plain")).message
                == "the body is not JSON: 'hi'")
    }

    @Test func textMatchComparesExactlyOrByPattern() {
        let exact = makeContext(makeFixture(expectation: Expectation(status: [200], text: "Hello world")))
        #expect(judge(TextMatchCheck(), exact, bytesResponse(Array("Hello world".utf8), contentType: "text/plain")) == .pass)
        #expect(
            judge(TextMatchCheck(), exact, bytesResponse(Array("Hello".utf8), contentType: "text/plain")).message
                == "the text body: expected \"Hello world\", got \"Hello\"")
        let pattern = makeContext(makeFixture(expectation: Expectation(status: [200], text: ["$regex": "^WEBVTT"])))
        #expect(judge(TextMatchCheck(), pattern, bytesResponse(Array("WEBVTT\n\n".utf8), contentType: "text/vtt")) == .pass)
        #expect(judge(TextMatchCheck(), pattern, bytesResponse([0xFF, 0xFE], contentType: "text/vtt")).verdict == .fail)
    }

    @Test func goldenJSONShowsTheDifferences() {
        let golden = Golden(file: "openai/chat/basic.golden.json", bytes: Array(#"{"id":"a","choices":[{"index":0}]}"#.utf8))
        let context = makeContext(makeFixture(), golden: golden)
        #expect(judge(GoldenCheck(), context, jsonResponse(["choices": [["index": 0]], "id": "a"])) == .pass)
        #expect(
            judge(GoldenCheck(), context, jsonResponse(["id": "b", "choices": [["index": 0]]])).message
                == "differs from openai/chat/basic.golden.json: /id: expected \"a\", got \"b\"")
    }

    @Test func goldenStreamsShowTheFirstDifferingEvent() {
        let golden = Golden(file: "s.golden.sse", bytes: Array("data: {\"a\":1}\n\ndata: {\"a\":2}\n\ndata: [DONE]\n\n".utf8))
        let context = makeContext(makeFixture(), golden: golden)
        #expect(
            judge(GoldenCheck(), context, streamResponse([(nil, #"{"a":1}"#), (nil, #"{"a":2}"#), (nil, "[DONE]")])) == .pass)
        #expect(
            judge(GoldenCheck(), context, streamResponse([(nil, #"{"a":1}"#), (nil, #"{"a":3}"#), (nil, "[DONE]")])).message
                == "event 1 differs from s.golden.sse: expected 'data: {\"a\":2}', got 'data: {\"a\":3}'")
        #expect(
            judge(GoldenCheck(), context, streamResponse([(nil, #"{"a":1}"#), (nil, #"{"a":2}"#)])).message
                == "the stream ended after 2 events; s.golden.sse continues with 'data: [DONE]'")
    }

    @Test func goldenBytesNameTheFirstDifferingByte() {
        let context = makeContext(makeFixture(), golden: Golden(file: "x.golden.wav", bytes: [1, 2, 3, 4]))
        #expect(judge(GoldenCheck(), context, bytesResponse([1, 2, 3, 4], contentType: "audio/wav")) == .pass)
        #expect(
            judge(GoldenCheck(), context, bytesResponse([1, 2, 9, 4, 5], contentType: "audio/wav")).message
                == "differs from x.golden.wav (4 bytes) at byte 2; the body has 5 bytes")
    }

    @Test func authRequiredFailsWhenAKeylessRequestIsServed() {
        let context = makeContext(makeFixture(credentials: .none, expectation: Expectation(status: [401])))
        #expect(judge(AuthRequiredCheck(), context, jsonResponse(["error": "no key"], status: 401)) == .pass)
        #expect(
            judge(AuthRequiredCheck(), context, jsonResponse(["ok": true])).message
                == "the request without any API key was served (200); expected 401: {\"ok\":true}")
        let wrong = makeContext(makeFixture(credentials: .wrongKey, expectation: Expectation(status: [401])))
        #expect(
            judge(AuthRequiredCheck(), wrong, jsonResponse(["e": 1], status: 403)).message
                == "the request with an unknown Bearer key was answered 403; expected 401: {\"e\":1}")
        #expect(AuthRequiredCheck().misuse(in: makeFixture()) == "needs auth none, wrong-key or wrong-x-api-key")
    }

    @Test func openAIErrorEnvelopeNeedsAllFourKeys() {
        let context = makeContext(makeFixture(expectation: Expectation(status: [404])))
        let full: JSON = [
            "error": ["message": "Model not found", "type": "invalid_request_error", "param": nil, "code": "model_not_found"]
        ]
        #expect(judge(OpenAIErrorEnvelopeCheck(), context, jsonResponse(full, status: 404)) == .pass)
        let gpustack: JSON = ["error": ["message": "Model not found", "code": 404, "type": "NotFound"]]
        #expect(
            judge(OpenAIErrorEnvelopeCheck(), context, jsonResponse(gpustack, status: 404)).message
                == "/error/param is missing (null is allowed, absence is not): {\"error\":{\"message\":\"Model not found\",\"code\":404,\"type\":\"NotFound\"}}"
        )
        #expect(
            judge(OpenAIErrorEnvelopeCheck(), context, jsonResponse(["detail": "Not Found"], status: 404)).message
                == "the error body has no \"error\" object: {\"detail\":\"Not Found\"}")
    }

    @Test func anthropicErrorEnvelopeNeedsTheShapeAndTheStatusType() {
        let context = makeContext(makeFixture(endpoint: .messages, expectation: Expectation(status: [404])))
        let good: JSON = ["type": "error", "error": ["type": "not_found_error", "message": "model: qwen9"]]
        #expect(judge(AnthropicErrorEnvelopeCheck(), context, jsonResponse(good, status: 404)) == .pass)
        let openAI: JSON = ["error": ["message": "x", "type": "invalid_request_error", "param": nil, "code": nil]]
        #expect(
            judge(AnthropicErrorEnvelopeCheck(), context, jsonResponse(openAI, status: 404)).message?
                .hasPrefix("the error body's type is missing, not \"error\"") == true)
        let mistyped: JSON = ["type": "error", "error": ["type": "invalid_request_error", "message": "x"]]
        #expect(
            judge(AnthropicErrorEnvelopeCheck(), context, jsonResponse(mistyped, status: 404)).message
                == "status 404 carries error type 'invalid_request_error'; Anthropic uses 'not_found_error'")
    }
}
