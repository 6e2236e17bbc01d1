/// A role a fixture gives a model, so one fixture serves any deployment: the target's mapping
/// names the model that plays it.
public enum ModelRole: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case chat
    case embed
    case rerank
    case image
    case speech
    case transcribe
    case echo

    /// The kinds a model playing this role serves, in table order.
    public var kinds: [ModelKind] { ModelKind.allCases.filter { $0.role == self } }

    public static func < (lhs: ModelRole, rhs: ModelRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A role a fixture gives a model route of the generic proxy, addressed by numeric route id.
public enum RouteRole: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case embed
    case echo

    /// The model role whose model the route reaches.
    public var modelRole: ModelRole {
        switch self {
        case .embed: .embed
        case .echo: .echo
        }
    }

    public static func < (lhs: RouteRole, rhs: RouteRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
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

    /// The model roles with no model, in table order.
    public var unmappedModelRoles: [ModelRole] { ModelRole.allCases.filter { models[$0] == nil } }

    /// The route roles with no route id, in table order.
    public var unmappedRouteRoles: [RouteRole] { RouteRole.allCases.filter { routes[$0] == nil } }
}
