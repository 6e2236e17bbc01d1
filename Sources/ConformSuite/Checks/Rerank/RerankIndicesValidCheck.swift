import ConformContract
import ConformJSON

/// `rerank.indices-valid`: every result points at a document that was sent, at most once.
public struct RerankIndicesValidCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "rerank.indices-valid", level: .must,
        summary: "Each result's index is the position of a sent document, and no document appears twice.",
        source: "GPUStack docs, Rerank API example output: each result carries the index of its document in the request.")

    public init() {}

    public func misuse(in fixture: Fixture) -> String? { RerankExchange.misuse(in: fixture) }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        RerankExchange.judge(response, context) { exchange in
            var seen: [Int64: Int] = [:]
            for (position, result) in exchange.results.enumerated() {
                guard let value = result["index"], case .integer(let index) = value else {
                    return .fail(
                        "results/\(position)/index is not an integer: \(result["index"].map(\.description) ?? "missing")")
                }
                guard index >= 0, index < exchange.documents.count else {
                    return .fail(
                        "results/\(position)/index is \(index), but only \(exchange.documents.count) documents were sent (valid: 0...\(exchange.documents.count - 1))",
                        actual: .integer(index))
                }
                if let earlier = seen[index] {
                    return .fail("results/\(position)/index \(index) repeats results/\(earlier)/index", actual: .integer(index))
                }
                seen[index] = position
            }
            return .pass
        }
    }
}
