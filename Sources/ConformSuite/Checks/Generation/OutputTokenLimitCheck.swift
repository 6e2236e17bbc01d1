import ConformContract
import ConformJSON

/// `output.token-limit`: the output token limit is honoured. The usage reports no more output
/// tokens than the request allowed (chat `max_completion_tokens` or `max_tokens` per choice,
/// completions `max_tokens` per choice, Anthropic `max_tokens`, Responses `max_output_tokens`); a
/// response echoes the limit it was given; and an answer cut by the limit says so where its API
/// does (`finish_reason: length`, `stop_reason: max_tokens`, `status: incomplete` with reason
/// `max_output_tokens`) rather than claiming a natural end.
public struct OutputTokenLimitCheck: Check {
    public let descriptor = CheckDescriptor(
        name: "output.token-limit", level: .must,
        summary:
            "Usage shows no more output tokens than the request's limit allows, a response echoes its max_output_tokens, and an answer cut by the limit reports length, max_tokens or incomplete.",
        source:
            "OpenAI API: max_completion_tokens \"An upper bound for the number of tokens that can be generated\", finish_reason \"length if the maximum number of tokens specified in the request was reached\"; Anthropic: stop_reason \"max_tokens: we exceeded max_tokens\"; Responses: max_output_tokens, incomplete_details.reason."
    )

    public init() {}

    static func limit(_ request: JSON?, row: ContractRow) -> Int64? {
        switch row {
        case .chat: request?["max_completion_tokens"]?.integerValue ?? request?["max_tokens"]?.integerValue
        case .completions, .messages: request?["max_tokens"]?.integerValue
        case .responses: request?["max_output_tokens"]?.integerValue
        default: nil
        }
    }

    public func misuse(in fixture: Fixture) -> String? {
        guard case .json(let body) = fixture.request.body, Self.limit(body, row: fixture.endpoint) != nil else {
            return "needs a chat, completions, messages or responses request that sets its output token limit"
        }
        return nil
    }

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        let request = context.request.json
        let row = context.fixture.endpoint
        return Evaluator(limit: Self.limit(request, row: row) ?? 0, row: row)
    }

    struct Evaluator: CheckEvaluator {
        let limit: Int64
        let row: ContractRow

        mutating func conclude(_ response: ObservedResponse) -> CheckResult {
            guard let answer = response.content(of: row) else { return .fail("the answer is not JSON: \(response.bodyPreview)") }
            switch row {
            case .chat, .completions:
                let choices = answer["choices"]?.arrayValue ?? []
                let allowed = limit * Int64(max(choices.count, 1))
                if let used = answer["usage"]?["completion_tokens"]?.integerValue, used > allowed {
                    return .fail(
                        "usage.completion_tokens is \(used), above the \(allowed) that a limit of \(limit) allows for \(choices.count) choice(s)",
                        expected: .integer(allowed), actual: .integer(used))
                }
                return .pass
            case .messages:
                let used = answer["usage"]?["output_tokens"]?.integerValue
                if let used, used > limit {
                    let stop = answer["stop_reason"]?.stringValue ?? "null"
                    return .fail(
                        "usage.output_tokens is \(used), above max_tokens \(limit) (stop_reason \(stop))", expected: .integer(limit),
                        actual: .integer(used))
                }
                if let used, used == limit, answer["stop_reason"]?.stringValue == "end_turn" {
                    return .fail("the message used all \(limit) of max_tokens but reports stop_reason end_turn, not max_tokens")
                }
                return .pass
            case .responses:
                if let echoed = answer["max_output_tokens"], echoed != .integer(limit) {
                    return .fail(
                        "the response reports max_output_tokens \(echoed), not the \(limit) the request set",
                        expected: .integer(limit), actual: echoed)
                }
                let used = answer["usage"]?["output_tokens"]?.integerValue
                if let used, used > limit {
                    return .fail(
                        "usage.output_tokens is \(used), above max_output_tokens \(limit)", expected: .integer(limit), actual: .integer(used))
                }
                let status = answer["status"]?.stringValue
                if status == "incomplete" {
                    let reason = answer["incomplete_details"]?["reason"]?.stringValue
                    guard reason == "max_output_tokens" || reason == "content_filter" else {
                        return .fail("the response is incomplete with reason \(reason ?? "null"), not max_output_tokens")
                    }
                } else if let used, used == limit, status == "completed" {
                    return .fail("the response used all \(limit) of max_output_tokens but reports status completed, not incomplete")
                }
                return .pass
            default:
                return .skip("\(row.rawValue) has no output token limit")
            }
        }
    }
}
