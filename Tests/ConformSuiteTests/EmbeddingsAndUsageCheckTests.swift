import ConformContract
import ConformJSON
import ConformReport
import ConformSuite
import Foundation
import Testing

@Suite struct EmbeddingsAndUsageCheckTests {
    func context(input: JSON, base64: Bool = false) -> CheckContext {
        var body: JSON = ["model": "${model.embed}", "input": input]
        if base64 { body["encoding_format"] = "base64" }
        return makeContext(makeFixture(endpoint: .embeddings, path: "/v1/embeddings", body: .json(body)))
    }

    func embeddings(_ vectors: [JSON], usage: JSON = ["prompt_tokens": 4, "total_tokens": 4]) -> ObservedResponse {
        let data = vectors.enumerated().map {
            JSON.object(["object": "embedding", "index": .integer(Int64($0.offset)), "embedding": $0.element])
        }
        return jsonResponse(["object": "list", "data": .array(data), "model": "bge-m3", "usage": usage])
    }

    static func base64(_ values: [Float]) -> JSON {
        var bytes: [UInt8] = []
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        return .string(Data(bytes).base64EncodedString())
    }

    static func base64Doubles(_ values: [Double]) -> JSON {
        var bytes: [UInt8] = []
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        return .string(Data(bytes).base64EncodedString())
    }

    @Test func countMatchesCountsStringsAndTokenArrays() {
        #expect(judge(EmbeddingsCountMatchesCheck(), context(input: ["a", "b"]), embeddings([[0.1], [0.2]])) == .pass)
        #expect(judge(EmbeddingsCountMatchesCheck(), context(input: "a"), embeddings([[0.1]])) == .pass)
        #expect(judge(EmbeddingsCountMatchesCheck(), context(input: [1, 2, 3]), embeddings([[0.1]])) == .pass)
    }

    @Test func countMatchesFailsOnADroppedEmbedding() {
        let verdict = judge(EmbeddingsCountMatchesCheck(), context(input: ["a", "b", "c"]), embeddings([[0.1], [0.2]]))
        #expect(verdict.message == "3 inputs were sent, but data holds 2 embeddings")
    }

    @Test func base64Float32Passes() {
        let vectors = [Self.base64([0.6, -0.8, 0.0]), Self.base64([1, 0, 0])]
        #expect(judge(EmbeddingsBase64Float32Check(), context(input: ["a", "b"], base64: true), embeddings(vectors)) == .pass)
    }

    @Test func base64HoldingFloat64IsNamedAsSuch() {
        let vector = Self.base64Doubles([0.6, -0.8, 0.01, 0.2])
        let verdict = judge(EmbeddingsBase64Float32Check(), context(input: "a", base64: true), embeddings([vector]))
        #expect(verdict.verdict == .fail)
        #expect(verdict.message?.hasPrefix("data/0/embedding holds float64: read as float32, every second component") == true)
        let random = Self.base64Doubles((0..<64).map { Double($0 % 7) / 10 - 0.3 + 0.0123456789 })
        let randomVerdict = judge(EmbeddingsBase64Float32Check(), context(input: "a", base64: true), embeddings([random]))
        #expect(randomVerdict.verdict == .fail)
    }

    @Test func base64FailsOnFloatArraysAndBadLengths() {
        let floats = judge(EmbeddingsBase64Float32Check(), context(input: "a", base64: true), embeddings([[0.1, 0.2]]))
        #expect(floats.message == "data/0/embedding is array, not a base64 string")
        let odd = judge(
            EmbeddingsBase64Float32Check(), context(input: "a", base64: true),
            embeddings([.string(Data([1, 2, 3]).base64EncodedString())]))
        #expect(odd.message == "data/0/embedding decodes to 3 bytes, not a whole number of float32 values")
    }

    @Test func usageTotalsAddUp() {
        let chat: JSON = ["usage": ["prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15]]
        #expect(judge(UsageTotalsCheck(), context(input: "a"), jsonResponse(chat)) == .pass)
        let responses: JSON = ["response": ["usage": ["input_tokens": 3, "output_tokens": 4, "total_tokens": 7]]]
        #expect(judge(UsageTotalsCheck(), context(input: "a"), jsonResponse(responses)) == .pass)
    }

    @Test func usageTotalsFailOnAWrongTotal() {
        let wrong: JSON = ["usage": ["prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 16]]
        let verdict = judge(UsageTotalsCheck(), context(input: "a"), jsonResponse(wrong))
        #expect(verdict.message == "the body /usage: total_tokens is 16, but prompt_tokens 10 + completion_tokens 5 = 15")
        let embeddingsTotal = embeddings([[0.1]], usage: ["prompt_tokens": 4, "total_tokens": 5])
        #expect(
            judge(UsageTotalsCheck(), context(input: "a"), embeddingsTotal).message
                == "the body /usage: total_tokens is 5, but prompt_tokens is 4 and nothing else was counted")
    }

    @Test func usageTotalsFailWhenThereIsNoUsage() {
        #expect(
            judge(UsageTotalsCheck(), context(input: "a"), jsonResponse(["id": "x"])).message
                == "no usage object with a total was found in the body")
    }

    @Test func usageTotalsReadTheUsageChunkOfAStream() {
        let good = streamResponse([
            (nil, #"{"id":"c","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}],"usage":null}"#),
            (nil, #"{"id":"c","choices":[],"usage":{"prompt_tokens":2,"completion_tokens":1,"total_tokens":3}}"#),
            (nil, "[DONE]"),
        ])
        #expect(judge(UsageTotalsCheck(), context(input: "a"), good) == .pass)
        let bad = streamResponse([(nil, #"{"choices":[],"usage":{"prompt_tokens":2,"completion_tokens":1,"total_tokens":4}}"#)])
        #expect(
            judge(UsageTotalsCheck(), context(input: "a"), bad).message
                == "event 0 /usage: total_tokens is 4, but prompt_tokens 2 + completion_tokens 1 = 3")
    }
}
