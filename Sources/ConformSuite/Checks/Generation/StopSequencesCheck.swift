import ConformContract
import ConformJSON

/// `output.stop-sequences`: stop sequences are honoured. No generated text contains one of the
/// request's sequences (chat and completions `stop`, Anthropic `stop_sequences`), since generation
/// ends before it; an Anthropic message that stopped on one says `stop_reason: stop_sequence` and
/// names it in `stop_sequence`.
public struct StopSequencesCheck: Check {
    public let descriptor = CheckDescriptor(
        name: "output.stop-sequences", level: .must,
        summary:
            "No generated text contains a stop sequence the request sent; an Anthropic stop_reason stop_sequence names one of them in stop_sequence.",
        source:
            "OpenAI API: stop \"sequences where the API will stop generating further tokens. The returned text will not contain the stop sequence.\"; Anthropic Messages API: stop_sequences, stop_reason \"stop_sequence\" with \"stop_sequence: Which custom stop sequence was generated\"."
    )

    public init() {}

    static func sequences(_ request: JSON?, row: ContractRow) -> [String] {
        let value = row == .messages ? request?["stop_sequences"] : request?["stop"]
        if let text = value?.stringValue { return [text] }
        return (value?.arrayValue ?? []).compactMap(\.stringValue)
    }

    public func misuse(in fixture: Fixture) -> String? {
        guard case .json(let body) = fixture.request.body, [.chat, .completions, .messages].contains(fixture.endpoint),
            !Self.sequences(body, row: fixture.endpoint).isEmpty
        else {
            return "needs a chat or completions request with stop, or a messages request with stop_sequences"
        }
        return nil
    }

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        Evaluator(sequences: Self.sequences(context.request.json, row: context.fixture.endpoint), row: context.fixture.endpoint)
    }

    struct Evaluator: CheckEvaluator {
        let sequences: [String]
        let row: ContractRow

        mutating func conclude(_ response: ObservedResponse) -> CheckResult {
            guard let answer = response.content(of: row) else { return .fail("the answer is not JSON: \(response.bodyPreview)") }
            for (label, text) in GeneratedText.texts(of: answer, row: row) {
                if let hit = sequences.first(where: { !$0.isEmpty && text.contains($0) }) {
                    return .fail(
                        "\(label) contains the stop sequence \(JSON.string(hit).serializedString()): '\(text.prefix(160))'",
                        actual: .string(text))
                }
            }
            guard row == .messages, answer["stop_reason"]?.stringValue == "stop_sequence" else { return .pass }
            guard let named = answer["stop_sequence"]?.stringValue, sequences.contains(named) else {
                return .fail(
                    "stop_reason is stop_sequence, but stop_sequence is \(answer["stop_sequence"].map(\.description) ?? "missing"), not one of the sequences sent",
                    expected: .array(sequences.map(JSON.string)), actual: answer["stop_sequence"])
            }
            return .pass
        }
    }
}
