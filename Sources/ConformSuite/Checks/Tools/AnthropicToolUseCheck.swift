import ConformContract
import ConformJSON

/// `messages.tool-use`: an Anthropic answer's `tool_use` blocks are ones an agent (Claude Code,
/// the SDK's tool runner) can execute, plain or streamed. Each block has an id of its own, the
/// name of an offered tool and an `input` object valid against its `input_schema`; the message
/// ends with `stop_reason: tool_use`, and `tool_choice` is honoured. Streamed, a `tool_use` block
/// opens with its id, name and an empty `input`, and the input arrives as `input_json_delta`
/// pieces that join into that JSON.
public struct AnthropicToolUseCheck: Check {
    public let descriptor = CheckDescriptor(
        name: "messages.tool-use", level: .must,
        summary:
            "tool_use blocks name an offered tool with an input valid against its input_schema, have distinct ids, end with stop_reason tool_use and honour tool_choice; streamed, a block opens with id, name and input {} and its input arrives as input_json_delta pieces.",
        source:
            "Anthropic Messages API, Tool use: \"stop_reason of tool_use\" with tool_use content blocks {id, name, input}; Streaming: tool_use blocks start with \"input\": {} and their deltas are input_json_delta with partial_json."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? { SentTools.misuse(in: fixture) }

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        Evaluator(tools: SentTools.messages(context.request.json))
    }

    struct Evaluator: CheckEvaluator {
        let tools: SentTools
        var failure = StreamFailure()
        /// The open tool_use blocks by index, with how many input_json_delta pieces they had.
        var toolBlocks: [Int64: Int] = [:]

        mutating func observe(_ event: StreamEvent) {
            guard !failure.hasFailed, let data = event.json else { return }
            let index = data["index"]?.integerValue ?? -1
            switch data["type"]?.stringValue {
            case "content_block_start" where data["content_block"]?["type"]?.stringValue == "tool_use":
                let block = data["content_block"]!
                if block["id"]?.stringValue?.isEmpty ?? true || block["name"]?.stringValue?.isEmpty ?? true {
                    return failure.record("event \(event.index): tool_use block \(index) opens without its id and name: \(JSONDiff.preview(block, limit: 160))")
                }
                if let input = block["input"], input != [:] {
                    return failure.record(
                        "event \(event.index): tool_use block \(index) opens with its input whole (\(JSONDiff.preview(input, limit: 120))) instead of {} followed by input_json_delta pieces; streaming tool parsers never see it"
                    )
                }
                toolBlocks[index] = 0
            case "content_block_delta" where toolBlocks[index] != nil:
                let delta = data["delta"]
                guard delta?["type"]?.stringValue == "input_json_delta", delta?["partial_json"]?.stringValue != nil else {
                    return failure.record(
                        "event \(event.index): tool_use block \(index) gets a \(delta?["type"]?.stringValue ?? "typeless") delta; its input must arrive as input_json_delta with partial_json"
                    )
                }
                toolBlocks[index]! += 1
            default:
                break
            }
        }

        mutating func conclude(_ response: ObservedResponse) -> CheckResult {
            if let message = failure.message { return .fail(message) }
            guard let answer = response.content(of: .messages), let content = answer["content"]?.arrayValue else {
                return .fail("the answer is not a message with content: \(response.bodyPreview)")
            }
            let uses = content.enumerated().filter { $0.element["type"]?.stringValue == "tool_use" }
            let stop = answer["stop_reason"]?.stringValue
            switch tools.choice {
            case .none where !uses.isEmpty:
                return .fail("tool_choice is none, but the message has \(uses.count) tool_use block(s)")
            case .required where uses.isEmpty, .named where uses.isEmpty:
                return .fail("tool_choice requires a tool call, but the message has no tool_use block (stop_reason \(stop ?? "null"))")
            default:
                break
            }
            if !tools.parallel && uses.count > 1 {
                return .fail("disable_parallel_tool_use is true, but the message has \(uses.count) tool_use blocks")
            }
            if uses.isEmpty {
                return stop == "tool_use" ? .fail("stop_reason is tool_use, but the message has no tool_use block") : .pass
            }
            guard stop == "tool_use" else {
                return .fail(
                    "the message has tool_use blocks but stop_reason \(stop.map { "'\($0)'" } ?? "null"), not 'tool_use'; agents loop on it",
                    expected: "tool_use", actual: answer["stop_reason"])
            }
            var ids = Set<String>()
            for (position, block) in uses {
                let label = "content/\(position)"
                guard let id = block["id"]?.stringValue, !id.isEmpty else { return .fail("\(label) (tool_use) has no id") }
                guard ids.insert(id).inserted else { return .fail("\(label) repeats the tool_use id '\(id)'") }
                guard let name = block["name"]?.stringValue else { return .fail("\(label) (tool_use) has no name") }
                guard let input = block["input"], case .object = input else {
                    let seen = block["input"].map { JSONDiff.preview($0, limit: 160) } ?? "missing"
                    return .fail("\(label) '\(name)' input is not a JSON object (the input_json_delta pieces, if streamed, must join into one): \(seen)")
                }
                if input != [:], toolBlocks.isEmpty == false, toolBlocks[Int64(position)] == 0 {
                    return .fail("\(label) '\(name)' has input \(JSONDiff.preview(input, limit: 120)) but no input_json_delta carried it")
                }
                if let problem = tools.problems(calling: name, with: input) {
                    return .fail("\(label) \(problem)", actual: block)
                }
            }
            return .pass
        }
    }
}
