import ConformSuite
import Hummingbird
import Logging
import MockProvider

/// The mock gateway `conform run` starts when no `--base-url` is given: on 127.0.0.1 at a free
/// port, accepting the run's key, with every fixture role mapped to the mock's own models.
public struct EmbeddedMock: Sendable {
    public let baseURL: String
    public let roles: RoleMapping

    /// Which kind of mock model plays each fixture role.
    public static let kindForRole: [ModelRole: ModelKind] = [
        .chat: .chat, .embed: .embeddings, .rerank: .rerank, .image: .images, .speech: .speech, .transcribe: .transcriptions,
        .echo: .echo,
    ]

    public static func roles(of configuration: MockConfiguration) -> RoleMapping {
        var mapping = RoleMapping()
        for (role, kind) in kindForRole {
            if let model = configuration.model(serving: kind) { mapping.models[role] = model.name }
        }
        if let route = configuration.model(serving: .embeddings)?.routeID { mapping.routes[.embed] = String(route) }
        if let route = configuration.model(serving: .echo)?.routeID { mapping.routes[.echo] = String(route) }
        return mapping
    }

    /// Serves the mock for the duration of `body`, then shuts it down gracefully.
    public static func run<Result: Sendable>(
        apiKey: String, configuration: MockConfiguration = MockConfiguration(),
        _ body: @escaping @Sendable (EmbeddedMock) async throws -> Result
    ) async throws -> Result {
        var configuration = configuration
        configuration.apiKeys = [apiKey]
        var logger = Logger(label: "conform-embedded-mock")
        logger.logLevel = .critical
        let gateway = MockGateway.deterministic(configuration)
        let roles = roles(of: configuration)
        return try await ApplicationScope.serve(
            { reportPort in gateway.application(host: "127.0.0.1", port: 0, logger: logger, onServerRunning: reportPort) },
            logger: logger
        ) { port in
            try await body(EmbeddedMock(baseURL: "http://127.0.0.1:\(port)", roles: roles))
        }
    }
}
