import ConformContract
import ConformJSON
import Hummingbird
import ServerScope
import Workers

/// `POST /v1/rerank` (Jina): validates the request, has the engine score every document, then
/// sorts by relevance (descending, ties by index), cuts to `top_n`, and echoes documents as
/// `{"text": ...}` unless `return_documents` is false. Under GPUStack emulation the engine's body is
/// relayed unchanged, as GPUStack 2.3.0 does. The answer depends only on the body, so repeated
/// requests can come from the response memo.
struct RerankRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        let received = try await services.reader.buffer(request)
        return try await services.memoized(request, body: received) { try await answer(received, request) }
    }

    func answer(_ received: ByteBuffer, _ request: Request) async throws -> ByteBuffer {
        let body = try services.reader.jsonObject(in: received)
        let deployment = try services.deployment(for: body, kind: .rerank)
        let fields = try Self.validate(body)
        let response = try await services.forward(body, to: deployment, path: EnginePath.rerank, request: request)
        guard case .json(let engine) = response.body, let scored = engine["results"]?.arrayValue else {
            throw GatewayError(.badGateway, .upstreamUnavailable, "The upstream answered rerank without results.")
        }
        if services.emulatesGPUStack { return ResponseBuilder.serialized(engine) }
        var results = scored.compactMap { result -> (index: Int64, score: Double, document: JSON?)? in
            guard let index = result["index"]?.integerValue, let score = result["relevance_score"]?.doubleValue else { return nil }
            return (index, score, result["document"])
        }
        results.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        if let topN = fields.topN { results = Array(results.prefix(topN)) }
        var output: [JSON] = []
        output.reserveCapacity(results.count)
        for result in results {
            var item = JSONObject()
            if fields.returnDocuments {
                item["document"] = Self.documentObject(result.document ?? fields.documents[Int(result.index)])
            }
            item["index"] = .integer(result.index)
            item["relevance_score"] = .number(result.score)
            output.append(.object(item))
        }
        let usage = engine["usage"] ?? ["prompt_tokens": 0, "total_tokens": 0]
        return ResponseBuilder.serialized([
            "model": .string(deployment.name), "object": "list", "results": .array(output), "usage": usage,
        ])
    }

    /// The documents as `{"text": ...}`, whichever form they were sent in.
    static func documentObject(_ document: JSON) -> JSON {
        if case .string(let text) = document { return ["text": .string(text)] }
        if let text = document["text"]?.stringValue { return ["text": .string(text)] }
        return document
    }

    /// The Jina request fields the gateway itself acts on.
    struct Fields {
        var documents: [JSON]
        var topN: Int?
        var returnDocuments: Bool
    }

    static func validate(_ body: JSONObject) throws(GatewayError) -> Fields {
        do throws(InvalidRequest) {
            let fields = try RequestFields(.object(body))
            _ = try fields.requiredString("query")
            guard let documents = try fields.array("documents") else { throw InvalidRequest.missing("documents") }
            guard !documents.isEmpty else { throw InvalidRequest.invalidValue("documents", "expected at least one document.") }
            for (index, document) in documents.enumerated() {
                switch document {
                case .string: continue
                case .object(let object) where object["text"]?.stringValue != nil: continue
                default:
                    throw InvalidRequest.wrongType("documents[\(index)]", expected: "a string or an object with a string 'text'", got: document)
                }
            }
            let topN = try fields.integer("top_n", in: 1...Int64(Int32.max))
            let returnDocuments = try fields.bool("return_documents") ?? true
            return Fields(documents: documents, topN: topN.map(Int.init), returnDocuments: returnDocuments)
        } catch {
            throw GatewayError(.badRequest, .invalidRequest, error.message, param: error.param)
        }
    }
}
