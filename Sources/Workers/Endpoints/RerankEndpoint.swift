import ConformJSON

/// `POST /v1/rerank` as a plain scoring engine: one result per document, in document order, each
/// echoing its document; sorting, `top_n` and `return_documents` are the gateway's business.
struct RerankEndpoint {
    let worker: DeterministicWorker

    func respond(to body: JSON) throws(InvalidRequest) -> WorkerResponse {
        let fields = try RequestFields(body)
        let model = try worker.checkModel(fields)
        let query = try fields.requiredString("query")
        guard let documents = try fields.array("documents") else { throw .missing("documents") }
        var texts: [String] = []
        texts.reserveCapacity(documents.count)
        for (index, document) in documents.enumerated() {
            switch document {
            case .string(let text):
                texts.append(text)
            case .object(let object):
                guard let text = object["text"]?.stringValue else {
                    throw .invalidValue("documents[\(index)]", "a document object must have a string 'text'.")
                }
                texts.append(text)
            default:
                throw .wrongType("documents[\(index)]", expected: "a string or an object with 'text'", got: document)
            }
        }
        let scores = RerankScorer().scores(query: query, documents: texts)
        let queryTokens = TokenCounter.count(query)
        var tokens = 0
        var results: [JSON] = []
        results.reserveCapacity(texts.count)
        for (index, text) in texts.enumerated() {
            tokens += queryTokens + TokenCounter.count(text)
            results.append([
                "index": .integer(Int64(index)), "document": ["text": .string(text)], "relevance_score": .number(scores[index]),
            ])
        }
        return .json([
            "model": .string(model),
            "usage": ["prompt_tokens": .integer(Int64(tokens)), "total_tokens": .integer(Int64(tokens))],
            "results": .array(results),
        ])
    }
}
