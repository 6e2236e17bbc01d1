import ConformJSON
import Foundation

/// `POST /v1/embeddings`: unit vectors for one or many inputs (text or token ids), as float lists
/// or base64 of little-endian float32, shortened to `dimensions` where the model allows it.
struct EmbeddingsEndpoint {
    let worker: DeterministicWorker

    /// One input: text, or token ids.
    enum Input {
        case text(String)
        case tokens([Int64])

        var tokenCount: Int {
            switch self {
            case .text(let text): TokenCounter.count(text)
            case .tokens(let ids): ids.count
            }
        }
    }

    func respond(to body: JSON) throws(InvalidRequest) -> WorkerResponse {
        let fields = try RequestFields(body)
        let model = try worker.checkModel(fields)
        let inputs = try Self.inputs(fields, limits: worker.settings.limits)
        let encoding = try fields.choice("encoding_format", among: ["float", "base64"]) ?? "float"
        let native = worker.profile.embeddingDimensions
        var dimensions = native
        if let requested = try fields.integer("dimensions") {
            guard worker.profile.supportsCustomDimensions else {
                throw InvalidRequest("Model \(model) does not support matryoshka representation, changing output dimensions will lead to poor results.", param: "dimensions")
            }
            guard (1...Int64(native)).contains(requested) else {
                throw .invalidValue("dimensions", "expected an integer between 1 and \(native), but got \(requested).")
            }
            dimensions = Int(requested)
        }
        let generator = EmbeddingGenerator(model: model, dimensions: native, seed: worker.settings.seed)
        var data: [JSON] = []
        data.reserveCapacity(inputs.count)
        for (index, input) in inputs.enumerated() {
            if worker.isCancelled { throw InvalidRequest("The request was given up before its embeddings were computed.") }
            var vector: [Float]
            switch input {
            case .text(let text): vector = generator.vector(for: text)
            case .tokens(let ids): vector = generator.vector(forTokenIDs: ids)
            }
            if dimensions < native { vector = EmbeddingGenerator.shortened(vector, to: dimensions) }
            let embedding: JSON = encoding == "base64" ? .string(Self.base64(vector)) : Self.floats(vector)
            data.append(["object": "embedding", "index": .integer(Int64(index)), "embedding": embedding])
        }
        let tokens = Int64(inputs.reduce(0) { $0 + $1.tokenCount })
        return .json([
            "object": "list", "data": .array(data), "model": .string(model),
            "usage": ["prompt_tokens": .integer(tokens), "total_tokens": .integer(tokens)],
        ])
    }

    /// Float32 values written with the fewest digits that read back as the same float.
    static func floats(_ vector: [Float]) -> JSON {
        .array(vector.map { .number(Double($0.description) ?? Double($0)) })
    }

    /// The vector's raw little-endian float32 bytes in base64, as OpenAI sends them.
    static func base64(_ vector: [Float]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for value in vector {
            let bits = value.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
    }

    /// The inputs of the request, refused beyond the server's input and token limits.
    static func inputs(_ fields: RequestFields, limits: RequestLimits) throws(InvalidRequest) -> [Input] {
        let inputs = try parsedInputs(fields, limit: limits.embeddingInputs)
        try limits.checkTokens(inputs.map(\.tokenCount), param: "input", noun: "inputs")
        return inputs
    }

    static func parsedInputs(_ fields: RequestFields, limit: Int) throws(InvalidRequest) -> [Input] {
        let value = try fields.required("input")
        func text(_ text: String, _ path: String) throws(InvalidRequest) -> Input {
            guard !text.isEmpty else { throw .invalidValue(path, "the input must not be an empty string.") }
            return .text(text)
        }
        func ids(_ elements: [JSON], _ path: String) throws(InvalidRequest) -> Input {
            var ids: [Int64] = []
            for (index, element) in elements.enumerated() {
                guard let id = element.integerValue, id >= 0 else {
                    throw .wrongType("\(path)[\(index)]", expected: "a non-negative integer", got: element)
                }
                ids.append(id)
            }
            guard !ids.isEmpty else { throw .invalidValue(path, "expected a non-empty array of token ids.") }
            return .tokens(ids)
        }
        switch value {
        case .string(let string):
            return [try text(string, "input")]
        case .array(let elements):
            guard !elements.isEmpty else { throw .invalidValue("input", "expected a non-empty array.") }
            guard elements.count <= limit else {
                throw .invalidValue("input", "\(elements.count) inputs exceed this server's limit of \(limit) per request.")
            }
            if elements.allSatisfy({ $0.integerValue != nil }) { return [try ids(elements, "input")] }
            var inputs: [Input] = []
            for (index, element) in elements.enumerated() {
                switch element {
                case .string(let string): inputs.append(try text(string, "input[\(index)]"))
                case .array(let tokenIDs): inputs.append(try ids(tokenIDs, "input[\(index)]"))
                default: throw .wrongType("input[\(index)]", expected: "a string or an array of token ids", got: element)
                }
            }
            return inputs
        default:
            throw .wrongType("input", expected: "a string or an array", got: value)
        }
    }
}
