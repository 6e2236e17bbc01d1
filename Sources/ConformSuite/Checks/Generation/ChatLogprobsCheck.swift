import ConformContract
import ConformJSON

/// `chat.logprobs`: `logprobs` and `top_logprobs` are honoured. Each choice with content carries
/// `logprobs.content`, one entry per token with its `token`, a `logprob` of at most 0, `bytes`, and
/// up to `top_logprobs` alternatives (at least one when asked for any), plain or streamed.
public struct ChatLogprobsCheck: Check {
    public let descriptor = CheckDescriptor(
        name: "chat.logprobs", level: .must,
        summary:
            "With logprobs true each choice's logprobs.content lists its tokens with token, logprob <= 0 and bytes, each with 1 to top_logprobs alternatives.",
        source:
            "OpenAI API, Chat Completions: logprobs \"Whether to return log probabilities of the output tokens… returns the log probabilities of each output token returned in the content of message\"; top_logprobs \"the number of most likely tokens to return at each token position\"."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? {
        guard case .json(let body) = fixture.request.body, fixture.endpoint == .chat, body["logprobs"]?.boolValue == true else {
            return "needs a chat request with logprobs: true"
        }
        return nil
    }

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        Evaluator(top: context.request.json?["top_logprobs"]?.integerValue ?? 0)
    }

    struct Evaluator: CheckEvaluator {
        let top: Int64

        mutating func conclude(_ response: ObservedResponse) -> CheckResult {
            guard let choices = response.content(of: .chat)?["choices"]?.arrayValue, !choices.isEmpty else {
                return .fail("the answer has no choices: \(response.bodyPreview)")
            }
            for choice in choices {
                let label = "choice \(choice["index"]?.integerValue ?? 0)"
                let content = choice["message"]?["content"]?.stringValue ?? ""
                guard let entries = choice["logprobs"]?["content"]?.arrayValue else {
                    if content.isEmpty { continue }
                    return .fail(
                        "logprobs was requested, but \(label) has logprobs \(choice["logprobs"].map { JSONDiff.preview($0, limit: 80) } ?? "missing"), not {content: [...]}")
                }
                if !content.isEmpty && entries.isEmpty {
                    return .fail("\(label) has content but an empty logprobs.content")
                }
                for (position, entry) in entries.enumerated() {
                    if let problem = Self.problem(entry, top: top) {
                        return .fail("\(label) logprobs.content/\(position) \(problem)", actual: entry)
                    }
                }
            }
            return .pass
        }

        static func problem(_ entry: JSON, top: Int64) -> String? {
            guard entry["token"]?.stringValue != nil else { return "has no token string" }
            guard let logprob = entry["logprob"]?.doubleValue else { return "has no numeric logprob" }
            guard logprob <= 0 else { return "has logprob \(logprob), above 0: not a log probability" }
            if let bytes = entry["bytes"], !bytes.isNull, !(bytes.arrayValue?.allSatisfy { ($0.integerValue ?? -1) >= 0 } ?? false) {
                return "has bytes that are not a list of byte values"
            }
            guard let alternatives = entry["top_logprobs"]?.arrayValue else { return "has no top_logprobs list" }
            if alternatives.count > Int(top) {
                return "lists \(alternatives.count) top_logprobs, more than the \(top) requested"
            }
            if top > 0 && alternatives.isEmpty {
                return "lists no top_logprobs, though \(top) were requested"
            }
            return nil
        }
    }
}
