import ConformContract
import ConformJSON
import ConformReport
import ConformSuite
import Testing

@Suite struct RerankCheckTests {
    static let documents: [JSON] = ["hi", "it is a bear", "The giant panda is a bear species endemic to China."]

    func context(topN: Int? = 3, returnDocuments: Bool? = nil, documents: [JSON] = documents) -> CheckContext {
        var body: JSON = ["model": "${model.rerank}", "query": "What is a panda?", "documents": .array(documents)]
        if let topN { body["top_n"] = .integer(Int64(topN)) }
        if let returnDocuments { body["return_documents"] = .bool(returnDocuments) }
        return makeContext(makeFixture(endpoint: .rerank, path: "/v1/rerank", body: .json(body)))
    }

    func result(_ index: Int64, _ score: Double, document: JSON? = nil) -> JSON {
        var item: JSON = ["index": .integer(index), "relevance_score": .number(score)]
        if let document { item["document"] = document } else { item["document"] = ["text": Self.documents[Int(index)]] }
        return item
    }

    func answer(_ results: [JSON]) -> ObservedResponse {
        jsonResponse(["model": "bge-reranker-v2-m3", "object": "list", "results": .array(results), "usage": ["total_tokens": 10]])
    }

    var documented: ObservedResponse { answer([result(2, 1.95), result(1, -3.73), result(0, -6.15)]) }

    @Test func theDocumentedAnswerPassesEveryRerankCheck() {
        let checks: [any Check] = [
            RerankSortedDescendingCheck(), RerankIndicesValidCheck(), RerankTopNCheck(), RerankDocumentsEchoedCheck(),
        ]
        for check in checks {
            #expect(judge(check, context(), documented) == .pass, "\(check.descriptor.name)")
        }
    }

    @Test func sortedDescendingFailsOnDocumentOrder() {
        let verdict = judge(
            RerankSortedDescendingCheck(), context(), answer([result(0, -6.15), result(1, -3.73), result(2, 1.95)]))
        #expect(verdict.verdict == .fail)
        #expect(
            verdict.message
                == "results/1 relevance_score -3.73 is higher than results/0's -6.15; results must be sorted highest first")
    }

    @Test func indicesValidFailsOnAnIndexPastTheDocumentsAndOnRepeats() {
        let past = judge(
            RerankIndicesValidCheck(), context(), answer([result(2, 1), result(1, 0), ["index": 3, "relevance_score": -1]]))
        #expect(past.message == "results/2/index is 3, but only 3 documents were sent (valid: 0...2)")
        let repeated = judge(RerankIndicesValidCheck(), context(), answer([result(2, 1), result(2, 0)]))
        #expect(repeated.message == "results/1/index 2 repeats results/0/index")
    }

    @Test func topNFailsWhenIgnoredAndDefaultsToAllDocuments() {
        let ignored = judge(RerankTopNCheck(), context(topN: 2), documented)
        #expect(ignored.message == "top_n 2 with 3 documents: expected 2 results, got 3")
        #expect(judge(RerankTopNCheck(), context(topN: nil), documented) == .pass)
        #expect(judge(RerankTopNCheck(), context(topN: 10), documented) == .pass)
    }

    @Test func documentsEchoedFailsOnMissingWrongOrUnwantedDocuments() {
        let dropped = judge(RerankDocumentsEchoedCheck(), context(), answer([["index": 2, "relevance_score": 1.0]]))
        #expect(dropped.message == "results/0 carries no document, though return_documents is not false")
        let wrong = judge(RerankDocumentsEchoedCheck(), context(), answer([result(2, 1, document: ["text": "hi"])]))
        #expect(wrong.message?.hasPrefix("results/0/document/text is not document 2 as sent") == true)
        let plain = judge(RerankDocumentsEchoedCheck(), context(), answer([result(0, 1, document: "hi")]))
        #expect(plain.message == "results/0/document is \"hi\", not {\"text\": ...}")
        let unwanted = judge(RerankDocumentsEchoedCheck(), context(returnDocuments: false), documented)
        #expect(unwanted.verdict == .fail)
        let none = answer([["index": 2, "relevance_score": 1.0], ["index": 1, "relevance_score": 0.0]])
        #expect(judge(RerankDocumentsEchoedCheck(), context(returnDocuments: false), none) == .pass)
    }

    @Test func documentObjectsAreEchoedByText() {
        let objects: [JSON] = Self.documents.map { ["text": $0] }
        #expect(judge(RerankDocumentsEchoedCheck(), context(documents: objects), documented) == .pass)
    }

    @Test func aBodyWithoutResultsFailsEveryRerankCheck() {
        let error = jsonResponse(["error": ["message": "boom"]], status: 500)
        #expect(
            judge(RerankTopNCheck(), context(), error).message
                == "the body has no results array: {\"error\":{\"message\":\"boom\"}}")
    }

    @Test func rerankChecksNeedDocumentsInTheRequest() {
        let fixture = makeFixture(endpoint: .rerank, body: .json(["query": "q"]))
        #expect(RerankTopNCheck().misuse(in: fixture) == "needs a JSON request with a documents array")
    }
}
