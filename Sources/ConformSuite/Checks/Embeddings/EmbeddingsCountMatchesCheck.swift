import ConformContract
import ConformJSON

/// `embeddings.count-matches`: one embedding per input, indexed 0 to n-1.
public struct EmbeddingsCountMatchesCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "embeddings.count-matches", level: .must,
        summary: "There is exactly one embedding per input, with indices 0 to n-1.",
        source:
            "GPUStack docs list Create Embeddings among the OpenAI-compatible endpoints; OpenAI API: \"data\" holds one embedding object per input, each with its \"index\"."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? {
        guard case .json(let body) = fixture.request.body, body["input"] != nil else {
            return "needs a JSON request with an input"
        }
        return nil
    }

    /// How many embeddings `input` asks for: one for a string or a token array, one per element
    /// of a list of strings or of token arrays.
    static func inputCount(_ input: JSON) -> Int {
        guard let elements = input.arrayValue else { return 1 }
        if !elements.isEmpty, elements.allSatisfy({ $0.integerValue != nil }) { return 1 }
        return elements.count
    }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        let inputs = Self.inputCount(context.request.json?["input"] ?? .null)
        guard let data = response.json?["data"]?.arrayValue else {
            return .fail("the body has no data array: \(response.bodyPreview)")
        }
        guard data.count == inputs else {
            return .fail(
                "\(inputs) inputs were sent, but data holds \(data.count) embeddings",
                expected: .integer(Int64(inputs)), actual: .integer(Int64(data.count)))
        }
        var seen = Set<Int64>()
        for (position, item) in data.enumerated() {
            guard let index = item["index"]?.integerValue, index >= 0, index < inputs else {
                return .fail(
                    "data/\(position)/index is \(item["index"].map(\.description) ?? "missing"); expected 0...\(inputs - 1)")
            }
            guard seen.insert(index).inserted else { return .fail("data/\(position)/index \(index) appears twice") }
        }
        return .pass
    }
}
