public import ConformContract

/// What one engine serves: the model name it answers to, what it can do, and for embedding
/// models their vector size. One engine serves one model, as one vLLM or TEI process does.
public struct EngineModelProfile: Sendable, Hashable {
    public var name: String
    /// The engine kinds it computes (``ModelKind/engineKind``); `echo` answers every method and
    /// path with a JSON description of the request it received.
    public var capabilities: Set<ModelKind>
    /// The native vector size of an embedding model.
    public var embeddingDimensions: Int
    /// Whether requests may ask for shorter vectors (`dimensions`), as Matryoshka models allow.
    public var supportsCustomDimensions: Bool
    /// When set, the only engine paths served; others answer 404.
    public var servedPaths: Set<String>?

    public init(
        name: String, capabilities: Set<ModelKind>, embeddingDimensions: Int = 1024,
        supportsCustomDimensions: Bool = false, servedPaths: Set<String>? = nil
    ) {
        self.name = name
        self.capabilities = Set(capabilities.map(\.engineKind))
        self.embeddingDimensions = embeddingDimensions
        self.supportsCustomDimensions = supportsCustomDimensions
        self.servedPaths = servedPaths
    }
}

/// The engine endpoints, by path.
public enum EnginePath {
    public static let chatCompletions = "/v1/chat/completions"
    public static let completions = "/v1/completions"
    public static let responses = "/v1/responses"
    public static let embeddings = "/v1/embeddings"
    public static let textEmbeddingsInferenceEmbed = "/embed"
    public static let rerank = "/v1/rerank"
    public static let imageGenerations = "/v1/images/generations"
    public static let imageEdits = "/v1/images/edits"
    /// Followed by `/<model>/<seed>-<width>x<height>.png`: the picture an image `url` names.
    public static let imageContentPrefix = "/v1/images/content"
    public static let speech = "/v1/audio/speech"
    public static let transcriptions = "/v1/audio/transcriptions"
    public static let models = "/v1/models"
}
