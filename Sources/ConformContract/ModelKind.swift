/// One family of endpoints a model can serve: what a mock model is configured with, what an
/// engine computes, and what a target's model is probed for. The names are the ones the
/// configuration file uses.
public enum ModelKind: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case chat, completions, responses, messages, embeddings, rerank, images
    case imageEdits = "image-edits"
    case speech, transcriptions
    /// An upstream that echoes every request, for checking the generic proxy.
    case echo

    /// The kind an engine must serve to answer this one: Anthropic messages are served over chat
    /// completions, as GPUStack's gateway does, and image edits by the image engine.
    public var engineKind: ModelKind {
        switch self {
        case .messages: .chat
        case .imageEdits: .images
        default: self
        }
    }

    /// The fixture role a model of this kind plays.
    public var role: ModelRole {
        switch self {
        case .chat, .completions, .responses, .messages: .chat
        case .embeddings: .embed
        case .rerank: .rerank
        case .images, .imageEdits: .image
        case .speech: .speech
        case .transcriptions: .transcribe
        case .echo: .echo
        }
    }

    public static func < (lhs: ModelKind, rhs: ModelKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
