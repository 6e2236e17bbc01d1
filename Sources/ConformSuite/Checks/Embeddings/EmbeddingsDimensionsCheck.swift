import ConformContract
import ConformJSON
import Foundation

/// `embeddings.dimensions`: `dimensions` is honoured: every embedding has exactly that many
/// components, whether sent as floats or as base64 of float32. A model that cannot shorten its
/// vectors may refuse the request with a 4xx (vLLM does, for models without Matryoshka
/// training): that is honest and not judged; answering with vectors of another length is not.
public struct EmbeddingsDimensionsCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "embeddings.dimensions", level: .must,
        summary: "Every embedding has exactly the requested number of dimensions (floats, or base64 float32 values); a 4xx refusal is not judged.",
        source:
            "OpenAI API, Create embeddings: dimensions \"The number of dimensions the resulting output embeddings should have\"."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? {
        guard case .json(let body) = fixture.request.body, body["dimensions"]?.integerValue != nil else {
            return "needs a JSON embeddings request with dimensions"
        }
        return nil
    }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        let wanted = context.request.json?["dimensions"]?.integerValue ?? 0
        if (400..<500).contains(response.status) {
            return .skip("status \(response.status): the server refused dimensions rather than ignoring them")
        }
        guard let data = response.json?["data"]?.arrayValue, !data.isEmpty else {
            return .fail("the body has no data array with embeddings: \(response.bodyPreview)")
        }
        for (position, item) in data.enumerated() {
            let count: Int
            switch item["embedding"] {
            case .array(let values)?:
                count = values.count
            case .string(let text)?:
                guard let bytes = Data(base64Encoded: text) else {
                    return .fail("data/\(position)/embedding is not valid base64: '\(text.prefix(40))…'")
                }
                count = bytes.count / 4
            default:
                return .fail("data/\(position) has no embedding list or base64 string")
            }
            guard count == wanted else {
                return .fail(
                    "dimensions \(wanted) was requested, but data/\(position)/embedding has \(count)",
                    expected: .integer(wanted), actual: .integer(Int64(count)))
            }
        }
        return .pass
    }
}
