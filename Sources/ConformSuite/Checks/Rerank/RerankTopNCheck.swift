import ConformContract
import ConformJSON

/// `rerank.top-n`: the number of results honours `top_n` (all documents when it is absent).
public struct RerankTopNCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "rerank.top-n", level: .must,
        summary: "There are top_n results (or one per document when top_n is absent or larger).",
        source:
            "GPUStack docs, Rerank API example: \"top_n\": 3 with three documents returns three results; Jina API: top_n defaults to all documents."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? { RerankExchange.misuse(in: fixture) }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        RerankExchange.judge(response, context) { exchange in
            let expected = min(exchange.topN ?? exchange.documents.count, exchange.documents.count)
            guard exchange.results.count != expected else { return .pass }
            let asked = exchange.topN.map { "top_n \($0)" } ?? "no top_n"
            return .fail(
                "\(asked) with \(exchange.documents.count) documents: expected \(expected) results, got \(exchange.results.count)",
                expected: .integer(Int64(expected)), actual: .integer(Int64(exchange.results.count)))
        }
    }
}
