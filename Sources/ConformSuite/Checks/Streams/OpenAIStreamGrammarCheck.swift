import ConformContract
import ConformJSON

/// `stream.openai-grammar`: an OpenAI chat or completion stream is a run of JSON chunks with one
/// id, each choice's `finish_reason` only on its last chunk, the usage chunk (`choices: []`)
/// last when `stream_options.include_usage` asked for it, and then `data: [DONE]`.
public struct OpenAIStreamGrammarCheck: EventStreamCheck {
    public let descriptor = CheckDescriptor(
        name: "stream.openai-grammar", level: .must,
        summary:
            "Chunks share one id, finish_reason comes last per choice, the include_usage chunk has choices: [], and data: [DONE] ends the stream.",
        source:
            "GPUStack docs, OpenAI-Compatible APIs cURL example: chat completions with \"stream\": true; OpenAI API: \"the stream terminated by a data: [DONE] message\"."
    )

    public init() {}

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        let options = context.request.json?["stream_options"]
        return Evaluator(usageRequested: options?["include_usage"]?.boolValue ?? false)
    }

    struct Evaluator: CheckEvaluator {
        let usageRequested: Bool
        var failure = StreamFailure()
        var doneAt: Int?
        var firstID: (id: String, event: Int)?
        var finishedChoices: [Int64: (reason: String, event: Int)] = [:]
        var startedChoices = Set<Int64>()
        var usageChunkAt: Int?
        var chunks = 0

        mutating func observe(_ event: StreamEvent) {
            guard !failure.hasFailed else { return }
            if let doneAt {
                return failure.record("event \(event.index) arrives after data: [DONE] (event \(doneAt)): '\(event.dataPreview)'")
            }
            if event.data == "[DONE]" {
                doneAt = event.index
                if chunks == 0 { return failure.record("data: [DONE] (event \(event.index)) arrives before any chunk") }
                if let open = startedChoices.subtracting(finishedChoices.keys).sorted().first {
                    return failure.record("data: [DONE] (event \(event.index)) arrives before choice \(open) had a finish_reason")
                }
                if usageRequested && usageChunkAt == nil {
                    failure.record(
                        "stream_options.include_usage was requested, but no chunk with \"choices\": [] and usage arrived before data: [DONE] (event \(event.index))"
                    )
                }
                return
            }
            guard let chunk = event.json, case .object = chunk else {
                return failure.record("event \(event.index) is neither a JSON object nor [DONE]: '\(event.dataPreview)'")
            }
            chunks += 1
            if let error = chunk["error"] {
                return failure.record("event \(event.index) carries an error instead of a chunk: \(JSONDiff.preview(error))")
            }
            if let id = chunk["id"]?.stringValue {
                if let firstID, firstID.id != id {
                    return failure.record(
                        "event \(event.index) has id '\(id)', but event \(firstID.event) had '\(firstID.id)'; one stream has one id"
                    )
                }
                if firstID == nil { firstID = (id, event.index) }
            }
            guard let choices = chunk["choices"]?.arrayValue else {
                return failure.record("event \(event.index) has no choices array: '\(event.dataPreview)'")
            }
            if choices.isEmpty {
                guard let usage = chunk["usage"], case .object = usage else {
                    return failure.record("event \(event.index) has \"choices\": [] but no usage object")
                }
                if let usageChunkAt {
                    return failure.record("event \(event.index) is a second usage chunk after event \(usageChunkAt)")
                }
                if let open = startedChoices.subtracting(finishedChoices.keys).sorted().first {
                    return failure.record(
                        "the usage chunk (event \(event.index)) arrives before choice \(open) had a finish_reason")
                }
                usageChunkAt = event.index
                return
            }
            if let usageChunkAt {
                return failure.record(
                    "event \(event.index) carries choices after the usage chunk (event \(usageChunkAt)); the usage chunk must come last"
                )
            }
            for (position, choice) in choices.enumerated() {
                guard let index = choice["index"]?.integerValue else {
                    return failure.record("event \(event.index) choices/\(position) has no integer index")
                }
                if let finished = finishedChoices[index] {
                    return failure.record(
                        "event \(event.index) continues choice \(index) after its finish_reason '\(finished.reason)' (event \(finished.event)); finish_reason belongs on a choice's last chunk"
                    )
                }
                startedChoices.insert(index)
                if let reason = choice["finish_reason"], !reason.isNull {
                    finishedChoices[index] = (reason.stringValue ?? reason.description, event.index)
                }
            }
        }

        mutating func conclude(_ response: ObservedResponse) -> CheckResult {
            if let notAStream = response.notAStream { return .fail(notAStream) }
            return failure.verdict {
                doneAt == nil
                    ? "the stream ended after \(chunks) chunks without data: [DONE]\(response.streamEndingNote)" : nil
            }
        }
    }
}
