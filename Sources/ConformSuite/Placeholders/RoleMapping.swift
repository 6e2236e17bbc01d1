/// A role a fixture gives a model, so one fixture serves any deployment: the target's mapping
/// names the model that plays it.
public enum ModelRole: String, Sendable, Hashable, CaseIterable {
    case chat
    case embed
    case rerank
    case image
    case speech
    case transcribe
    case echo
}

/// A role a fixture gives a model route of the generic proxy, addressed by numeric route id.
public enum RouteRole: String, Sendable, Hashable, CaseIterable {
    case embed
    case echo
}

/// Which model plays each role and which route id each route role has on a target.
public struct RoleMapping: Sendable, Hashable {
    public var models: [ModelRole: String]
    public var routes: [RouteRole: String]

    public init(models: [ModelRole: String] = [:], routes: [RouteRole: String] = [:]) {
        self.models = models
        self.routes = routes
    }

    /// What a real target is assumed to serve when not told otherwise: the names the GPUStack
    /// docs use in their examples. Image, speech, transcription and echo have no documented name.
    public static let documentedDefaults = RoleMapping(
        models: [.chat: "qwen3", .embed: "bge-m3", .rerank: "bge-reranker-v2-m3"],
        routes: [.embed: "42"]
    )

    /// The value a placeholder stands for, or nil when its role is not mapped.
    public func value(of placeholder: Placeholder) -> String? {
        switch placeholder {
        case .model(let role): models[role]
        case .route(let role): routes[role]
        }
    }
}
