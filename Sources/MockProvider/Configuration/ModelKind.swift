import Workers

/// One contract endpoint family a model can serve; a model's kinds decide which `/v1` routes
/// accept it. The names are the ones the configuration file uses.
public enum ModelKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case chat, completions, responses, messages, embeddings, rerank, images
    case imageEdits = "image-edits"
    case speech, transcriptions
    /// An upstream that echoes every request, for checking the generic proxy.
    case echo

    public static func < (lhs: ModelKind, rhs: ModelKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The engine capability behind this kind: Anthropic messages are served over chat
    /// completions, image edits by the image engine.
    var capability: EngineModelProfile.Capability {
        switch self {
        case .chat, .messages: .chat
        case .completions: .completions
        case .responses: .responses
        case .embeddings: .embeddings
        case .rerank: .rerank
        case .images, .imageEdits: .images
        case .speech: .speech
        case .transcriptions: .transcriptions
        case .echo: .echo
        }
    }
}
