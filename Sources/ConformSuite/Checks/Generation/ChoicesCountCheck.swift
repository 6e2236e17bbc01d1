import ConformContract
import ConformJSON

/// `choices.n`: `n` is honoured: a chat answer has `n` choices, a completions answer `n` per
/// prompt of a batch, indexed 0 to count-1 with none repeated, plain or streamed.
public struct ChoicesCountCheck: Check {
    public let descriptor = CheckDescriptor(
        name: "choices.n", level: .must,
        summary: "There are n choices (n per prompt for a completions batch), indexed 0 to count-1 once each.",
        source:
            "OpenAI API: n \"How many chat completion choices to generate for each input message\"; Completions: prompt \"can be… an array of strings\", n \"How many completions to generate for each prompt\"."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? {
        guard case .json = fixture.request.body, [.chat, .completions].contains(fixture.endpoint) else {
            return "needs a JSON chat or completions request"
        }
        return nil
    }

    /// How many prompts a completions `prompt` holds: one string or token list, or one per
    /// element of a list of strings or of token lists.
    static func promptCount(_ prompt: JSON?) -> Int {
        guard let elements = prompt?.arrayValue, !elements.isEmpty else { return 1 }
        return elements.allSatisfy { $0.integerValue != nil } ? 1 : elements.count
    }

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        let request = context.request.json
        let n = Int(request?["n"]?.integerValue ?? 1)
        let prompts = context.fixture.endpoint == .completions ? Self.promptCount(request?["prompt"]) : 1
        return Evaluator(expected: n * prompts, n: n, prompts: prompts, row: context.fixture.endpoint)
    }

    struct Evaluator: CheckEvaluator {
        let expected: Int
        let n: Int
        let prompts: Int
        let row: ContractRow

        mutating func conclude(_ response: ObservedResponse) -> CheckResult {
            guard let choices = response.content(of: row)?["choices"]?.arrayValue else {
                return .fail("the answer has no choices: \(response.bodyPreview)")
            }
            let asked = prompts > 1 ? "n \(n) for each of \(prompts) prompts" : "n \(n)"
            guard choices.count == expected else {
                return .fail(
                    "\(asked) asks for \(expected) choices, but the answer has \(choices.count)",
                    expected: .integer(Int64(expected)), actual: .integer(Int64(choices.count)))
            }
            var seen = Set<Int64>()
            for (position, choice) in choices.enumerated() {
                guard let index = choice["index"]?.integerValue, (0..<Int64(expected)).contains(index) else {
                    return .fail("choices/\(position)/index is \(choice["index"].map(\.description) ?? "missing"); expected 0...\(expected - 1)")
                }
                guard seen.insert(index).inserted else { return .fail("choices/\(position)/index \(index) appears twice") }
            }
            return .pass
        }
    }
}
