import ConformJSON

/// `POST /v1/rerank` as vLLM answers it: every document scored, the results sorted by relevance
/// (highest first, ties by index), cut to `top_n` (all of them when it is larger than the document
/// count), each echoing its document as `{"text": ...}` unless `return_documents` is false. GPUStack
/// relays an engine's rerank body unchanged, so the documented order depends on the engine.
struct RerankEndpoint {
    let worker: DeterministicWorker

    func respond(to body: JSON) throws(InvalidRequest) -> WorkerResponse {
        let fields = try RequestFields(body)
        let model = try worker.checkModel(fields)
        let query = try fields.requiredString("query")
        guard let documents = try fields.array("documents") else { throw .missing("documents") }
        guard !documents.isEmpty else { throw .invalidValue("documents", "expected at least one document.") }
        let limits = worker.settings.limits
        guard documents.count <= limits.rerankDocuments else {
            throw .invalidValue("documents", "\(documents.count) documents exceed this server's limit of \(limits.rerankDocuments) per request.")
        }
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
        try limits.checkTokens([TokenCounter.count(query)], param: "query", noun: "query")
        try limits.checkTokens(texts.map { TokenCounter.count($0) }, param: "documents", noun: "documents")
        let topN = try fields.integer("top_n", in: 1...Int64(Int32.max)).map(Int.init) ?? texts.count
        let returnDocuments = try fields.bool("return_documents") ?? true
        let scores = RerankScorer().scores(query: query, documents: texts)
        let queryTokens = TokenCounter.count(query)
        let tokens = texts.reduce(0) { $0 + queryTokens + TokenCounter.count($1) }
        let ranked = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        var results: [JSON] = []
        results.reserveCapacity(min(topN, texts.count))
        for index in ranked.prefix(topN) {
            var result: JSONObject = ["index": .integer(Int64(index))]
            if returnDocuments { result["document"] = ["text": .string(texts[index])] }
            result["relevance_score"] = .number(scores[index])
            results.append(.object(result))
        }
        return .json([
            "model": .string(model),
            "usage": ["prompt_tokens": .integer(Int64(tokens)), "total_tokens": .integer(Int64(tokens))],
            "results": .array(results),
        ])
    }
}
