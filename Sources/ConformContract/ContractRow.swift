/// A row of the contract table: one endpoint of the GPUStack inference API, named by the id every
/// fixture's `endpoint` field uses.
public enum ContractRow: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case models
    case completions
    case chat
    case responses
    case embeddings
    case images
    case imageEdits = "image-edits"
    case speech
    case transcriptions
    case messages
    case rerank
    case proxyPath = "proxy-path"
    case proxyHeader = "proxy-header"

    /// The API family whose folder holds this row's fixtures.
    public var api: APIFamily {
        switch self {
        case .models, .completions, .chat, .responses, .embeddings, .images, .imageEdits, .speech, .transcriptions: .openai
        case .messages: .anthropic
        case .rerank: .jina
        case .proxyPath, .proxyHeader: .gpustack
        }
    }

    /// The kind of model the row's requests name; nil for the model list and the generic proxy,
    /// which reach any model.
    public var kind: ModelKind? {
        switch self {
        case .models, .proxyPath, .proxyHeader: nil
        case .completions: .completions
        case .chat: .chat
        case .responses: .responses
        case .embeddings: .embeddings
        case .images: .images
        case .imageEdits: .imageEdits
        case .speech: .speech
        case .transcriptions: .transcriptions
        case .messages: .messages
        case .rerank: .rerank
        }
    }

    /// The fixed path of the row, which answers one method; nil for the generic proxy, whose
    /// paths are open.
    public var path: String? {
        switch self {
        case .models: "/v1/models"
        case .completions: "/v1/completions"
        case .chat: "/v1/chat/completions"
        case .responses: "/v1/responses"
        case .embeddings: "/v1/embeddings"
        case .images: "/v1/images/generations"
        case .imageEdits: "/v1/images/edits"
        case .speech: "/v1/audio/speech"
        case .transcriptions: "/v1/audio/transcriptions"
        case .messages: "/v1/messages"
        case .rerank: "/v1/rerank"
        case .proxyPath, .proxyHeader: nil
        }
    }

    /// The method the row's fixed path answers: GET for the model list, POST for the rest.
    public var method: String { self == .models ? "GET" : "POST" }

    /// The row whose fixed path is `path`, if any.
    public init?(path: String) {
        guard let row = Self.allCases.first(where: { $0.path == path }) else { return nil }
        self = row
    }

    /// Table order, so summaries list the rows as the contract does.
    public static func < (lhs: ContractRow, rhs: ContractRow) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The family of APIs a fixture belongs to: the first folder under `Fixtures/`.
public enum APIFamily: String, Sendable, Hashable, CaseIterable, Codable {
    case openai
    case anthropic
    case jina
    case gpustack
}
