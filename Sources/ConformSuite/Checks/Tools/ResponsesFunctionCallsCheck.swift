import ConformContract
import ConformJSON

/// `responses.function-calls`: a Responses answer's `function_call` output items are ones an
/// agent (the OpenAI Agents SDK, Codex-style clients) can execute, plain or streamed. Each item has
/// a `call_id` of its own, the name of an offered function tool, and `arguments` that parse as
/// JSON valid against its `parameters`; `tool_choice` is honoured. Streamed, each call is announced
/// by `response.output_item.added` with its `call_id` and name, its arguments arrive as
/// `response.function_call_arguments.delta` pieces, and `.done` carries their concatenation,
/// equal to the final item's.
public struct ResponsesFunctionCallsCheck: Check {
    public let descriptor = CheckDescriptor(
        name: "responses.function-calls", level: .must,
        summary:
            "function_call items name an offered tool with JSON arguments valid against its parameters, have distinct call_ids and honour tool_choice; streamed, arguments arrive as .delta pieces whose concatenation .done and the final item carry.",
        source:
            "OpenAI API, Responses: output item function_call {call_id, name, arguments: \"A JSON string of the arguments to pass to the function\"}; streaming events response.function_call_arguments.delta and response.function_call_arguments.done."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? { SentTools.misuse(in: fixture) }

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        Evaluator(tools: SentTools.responses(context.request.json))
    }

    struct Evaluator: CheckEvaluator {
        let tools: SentTools
        var failure = StreamFailure()
        var streamed = false
        /// Per output index of a streamed function call: the deltas joined, and `.done`'s arguments.
        var deltas: [Int64: String] = [:]
        var done: [Int64: String] = [:]

        mutating func observe(_ event: StreamEvent) {
            streamed = true
            guard !failure.hasFailed, let data = event.json else { return }
            let index = data["output_index"]?.integerValue ?? -1
            switch data["type"]?.stringValue {
            case "response.output_item.added" where data["item"]?["type"]?.stringValue == "function_call":
                let item = data["item"]!
                if item["call_id"]?.stringValue?.isEmpty ?? true || item["name"]?.stringValue?.isEmpty ?? true {
                    return failure.record(
                        "event \(event.index): the function_call item at output \(index) is announced without its call_id and name: \(JSONDiff.preview(item, limit: 160))")
                }
                deltas[index] = ""
            case "response.function_call_arguments.delta":
                guard let piece = data["delta"]?.stringValue else {
                    return failure.record("event \(event.index): response.function_call_arguments.delta has no delta string")
                }
                guard deltas[index] != nil else {
                    return failure.record(
                        "event \(event.index): arguments for output \(index) arrive before response.output_item.added announced a function_call there")
                }
                deltas[index]! += piece
            case "response.function_call_arguments.done":
                guard let arguments = data["arguments"]?.stringValue else {
                    return failure.record("event \(event.index): response.function_call_arguments.done has no arguments string")
                }
                if let joined = deltas[index], joined != arguments {
                    return failure.record(
                        "event \(event.index): .done carries arguments '\(arguments.prefix(120))', but the .delta pieces joined give '\(joined.prefix(120))'")
                }
                done[index] = arguments
            default:
                break
            }
        }

        mutating func conclude(_ response: ObservedResponse) -> CheckResult {
            if let message = failure.message { return .fail(message) }
            guard let answer = response.content(of: .responses), let output = answer["output"]?.arrayValue else {
                return .fail("the answer is not a response with output: \(response.bodyPreview)")
            }
            let calls = output.enumerated().filter { $0.element["type"]?.stringValue == "function_call" }
            switch tools.choice {
            case .none where !calls.isEmpty:
                return .fail("tool_choice is none, but the output has \(calls.count) function_call item(s)")
            case .required where calls.isEmpty, .named where calls.isEmpty:
                let types = output.compactMap { $0["type"]?.stringValue }
                return .fail("tool_choice requires a function call, but the output has none (items: \(types.joined(separator: ", ")))")
            default:
                break
            }
            if !tools.parallel && calls.count > 1 {
                return .fail("parallel_tool_calls is false, but the output has \(calls.count) function_call items")
            }
            var ids = Set<String>()
            for (position, item) in calls {
                let label = "output/\(position)"
                guard let id = item["call_id"]?.stringValue, !id.isEmpty else {
                    return .fail("\(label) (function_call) has no call_id; a function_call_output cannot refer to it")
                }
                guard ids.insert(id).inserted else { return .fail("\(label) repeats the call_id '\(id)'") }
                guard let name = item["name"]?.stringValue else { return .fail("\(label) (function_call) has no name") }
                guard let text = item["arguments"]?.stringValue else {
                    return .fail("\(label) '\(name)' has no arguments string (the API sends the arguments as a JSON string)")
                }
                if streamed {
                    guard let sent = done[Int64(position)] else {
                        return .fail("\(label) '\(name)' was streamed without response.function_call_arguments.done")
                    }
                    if sent != text {
                        return .fail("\(label) '\(name)' arguments '\(text.prefix(120))' differ from what .done carried: '\(sent.prefix(120))'")
                    }
                }
                let arguments: JSON
                do {
                    arguments = try JSONParser().parse(Array(text.utf8))
                } catch {
                    return .fail("\(label) '\(name)' arguments are not JSON (\(error)): '\(text.prefix(160))'")
                }
                if let problem = tools.problems(calling: name, with: arguments) {
                    return .fail("\(label) \(problem)", actual: item)
                }
            }
            return .pass
        }
    }
}
