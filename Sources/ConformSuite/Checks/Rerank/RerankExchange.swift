import ConformJSON

/// The parts of a rerank exchange the rerank checks share: the documents and options sent, and
/// the results received.
struct RerankExchange {
    let documents: [JSON]
    let topN: Int?
    let returnDocuments: Bool
    let results: [JSON]

    /// Reads the exchange, or says why it cannot be judged as a rerank answer.
    static func read(_ response: ObservedResponse, _ context: CheckContext) -> Result<RerankExchange, RerankUnreadable> {
        guard let documents = context.request.json?["documents"]?.arrayValue else {
            return .failure(RerankUnreadable(message: "the request has no documents array"))
        }
        guard let json = response.json else {
            return .failure(RerankUnreadable(message: "the body is not JSON: \(response.bodyPreview)"))
        }
        guard let results = json["results"]?.arrayValue else {
            return .failure(RerankUnreadable(message: "the body has no results array: \(response.bodyPreview)"))
        }
        let request = context.request.json
        let topN = request?["top_n"]?.integerValue.flatMap { $0 > 0 ? Int($0) : nil }
        let returnDocuments = request?["return_documents"]?.boolValue ?? true
        return .success(RerankExchange(documents: documents, topN: topN, returnDocuments: returnDocuments, results: results))
    }

    /// Judges `response` with `decide`, or fails when it cannot be read as rerank results.
    static func judge(
        _ response: ObservedResponse, _ context: CheckContext, _ decide: (RerankExchange) -> CheckResult
    ) -> CheckResult {
        switch read(response, context) {
        case .success(let exchange): decide(exchange)
        case .failure(let unreadable): .fail(unreadable.message)
        }
    }

    /// The text of the document at `index` as sent: a string, or the `text` of an object.
    func documentText(at index: Int) -> String? {
        guard documents.indices.contains(index) else { return nil }
        return documents[index].stringValue ?? documents[index]["text"]?.stringValue
    }

    /// A rerank check is misused unless its request sends a documents array.
    static func misuse(in fixture: Fixture) -> String? {
        guard case .json(let body) = fixture.request.body, body["documents"]?.arrayValue != nil else {
            return "needs a JSON request with a documents array"
        }
        return nil
    }
}

/// Why an answer cannot be read as rerank results.
struct RerankUnreadable: Error {
    let message: String
}
