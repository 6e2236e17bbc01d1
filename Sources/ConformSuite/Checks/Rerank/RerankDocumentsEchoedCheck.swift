import ConformContract
import ConformJSON

/// `rerank.documents-echoed`: each result carries its document as `{"text": ...}` unless
/// `return_documents` is false, in which case none does.
public struct RerankDocumentsEchoedCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "rerank.documents-echoed", level: .must,
        summary: "Each result echoes its document as {\"text\": ...}; with return_documents false, none does.",
        source:
            "GPUStack docs, Rerank API example output: each result carries \"document\": {\"text\": ...}; Jina API: return_documents defaults to true."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? { RerankExchange.misuse(in: fixture) }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        RerankExchange.judge(response, context) { exchange in
            for (position, result) in exchange.results.enumerated() {
                let document = result["document"]
                guard exchange.returnDocuments else {
                    if let document, !document.isNull {
                        return .fail(
                            "return_documents is false, but results/\(position) carries a document: \(document)", actual: document
                        )
                    }
                    continue
                }
                guard let document, !document.isNull else {
                    return .fail("results/\(position) carries no document, though return_documents is not false")
                }
                guard let index = result["index"]?.integerValue, let sent = exchange.documentText(at: Int(index)) else {
                    continue
                }
                guard let text = document["text"]?.stringValue else {
                    return .fail("results/\(position)/document is \(document), not {\"text\": ...}", actual: document)
                }
                if text != sent {
                    return .fail(
                        "results/\(position)/document/text is not document \(index) as sent: got '\(text.prefix(80))', sent '\(sent.prefix(80))'",
                        expected: .string(sent), actual: .string(text))
                }
            }
            return .pass
        }
    }
}
