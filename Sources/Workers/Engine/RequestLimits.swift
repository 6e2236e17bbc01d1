/// How much work one request may ask of an engine. A request beyond a limit is refused with 400
/// before the work starts, naming the field and the limit, so that no single request can stop or
/// swamp the server. The defaults follow the OpenAI API's own limits where it states them.
public struct RequestLimits: Sendable, Hashable {
    /// Bounds on the JSON a client's schema makes the engine generate (structured replies and
    /// tool-call arguments).
    public var generation: JSONInstanceGenerator.Limits
    /// The most inputs one embedding request may hold (`/v1/embeddings` and TEI's `/embed`).
    public var embeddingInputs: Int
    /// The most tokens one embedding input or rerank document may have.
    public var tokensPerInput: Int
    /// The most tokens all the inputs of one embedding or rerank request may have together.
    public var tokensPerRequest: Int
    /// The most documents one rerank request may hold.
    public var rerankDocuments: Int
    /// The longest audio a transcription accepts, in seconds.
    public var audioSeconds: Double
    /// The longest speech one request may produce, in seconds.
    public var speechSeconds: Double
    /// The most pixels all the pictures of one image request may have together.
    public var imagePixels: Int

    public init(
        generation: JSONInstanceGenerator.Limits = .init(), embeddingInputs: Int = 2048, tokensPerInput: Int = 8192,
        tokensPerRequest: Int = 300_000, rerankDocuments: Int = 4096, audioSeconds: Double = 7200, speechSeconds: Double = 600,
        imagePixels: Int = 4096 * 4096
    ) {
        self.imagePixels = imagePixels
        self.generation = generation
        self.embeddingInputs = embeddingInputs
        self.tokensPerInput = tokensPerInput
        self.tokensPerRequest = tokensPerRequest
        self.rerankDocuments = rerankDocuments
        self.audioSeconds = audioSeconds
        self.speechSeconds = speechSeconds
    }

    /// Refuses texts (the inputs or documents of one request, at `param`, with these token
    /// counts) beyond the token limits, naming the first text over its own limit.
    func checkTokens(_ tokenCounts: [Int], param: String, noun: String) throws(InvalidRequest) {
        var total = 0
        for (index, tokens) in tokenCounts.enumerated() {
            guard tokens <= tokensPerInput else {
                let location = tokenCounts.count == 1 ? param : "\(param)[\(index)]"
                throw .invalidValue(location, "it has \(tokens) tokens, more than this server's limit of \(tokensPerInput) per input.")
            }
            total += tokens
        }
        guard total <= tokensPerRequest else {
            throw .invalidValue(param, "the \(noun) have \(total) tokens in all, more than this server's limit of \(tokensPerRequest) per request.")
        }
    }
}
