import ConformContract
import ConformJSON

/// `rerank.sorted-desc`: rerank results come most relevant first.
public struct RerankSortedDescendingCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "rerank.sorted-desc", level: .must,
        summary: "Results are ordered by relevance_score, highest first.",
        source: "GPUStack docs, Rerank API example output: results ordered 2, 1, 0 with relevance_score 1.95, -3.73, -6.16.")

    public init() {}

    public func misuse(in fixture: Fixture) -> String? { RerankExchange.misuse(in: fixture) }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        RerankExchange.judge(response, context) { exchange in
            var previous: Double?
            for (position, result) in exchange.results.enumerated() {
                guard let score = result["relevance_score"]?.doubleValue else {
                    return .fail("results/\(position) has no numeric relevance_score: \(result)")
                }
                if let previous, score > previous {
                    let scores = exchange.results.map { $0["relevance_score"] ?? .null }
                    return .fail(
                        "results/\(position) relevance_score \(score) is higher than results/\(position - 1)'s \(previous); results must be sorted highest first",
                        actual: .array(scores))
                }
                previous = score
            }
            return .pass
        }
    }
}
