import ConformJSON
import HTTPTypes

/// `POST /embed` in the style of Hugging Face Text Embeddings Inference: `{"inputs": ...}` in,
/// a bare array of float arrays out, errors as `{"error": ..., "error_type": "Validation"}` with
/// status 422. Vectors equal those of `/v1/embeddings` for the same text.
struct TextEmbeddingsInferenceEndpoint {
    let worker: DeterministicWorker

    func respond(to request: WorkerRequest) -> WorkerResponse {
        let body: JSON
        do {
            body = try request.jsonBody()
        } catch {
            return Self.validationError(error.message)
        }
        guard case .object(let object) = body, let inputs = object["inputs"] else {
            return Self.validationError("missing field `inputs`")
        }
        var texts: [String] = []
        switch inputs {
        case .string(let text):
            texts = [text]
        case .array(let elements):
            for element in elements {
                guard let text = element.stringValue else { return Self.validationError("`inputs` must be a string or a list of strings") }
                texts.append(text)
            }
        default:
            return Self.validationError("`inputs` must be a string or a list of strings")
        }
        guard !texts.isEmpty, !texts.contains(where: \.isEmpty) else {
            return Self.validationError("`inputs` cannot be empty")
        }
        let limits = worker.settings.limits
        guard texts.count <= limits.embeddingInputs else {
            return Self.validationError("batch size \(texts.count) > maximum allowed batch size \(limits.embeddingInputs)")
        }
        do {
            try limits.checkTokens(texts.map(TokenCounter.count), param: "inputs", noun: "inputs")
        } catch {
            return Self.validationError(error.message)
        }
        let generator = EmbeddingGenerator(model: worker.profile.name, dimensions: worker.profile.embeddingDimensions, seed: worker.settings.seed)
        var vectors: [JSON] = []
        vectors.reserveCapacity(texts.count)
        for text in texts {
            if worker.isCancelled { return Self.validationError("the request was given up") }
            vectors.append(EmbeddingsEndpoint.floats(generator.vector(for: text)))
        }
        return .json(.array(vectors))
    }

    static func validationError(_ message: String) -> WorkerResponse {
        WorkerResponse(status: .unprocessableContent, body: .json(["error": .string(message), "error_type": "Validation"]))
    }
}
