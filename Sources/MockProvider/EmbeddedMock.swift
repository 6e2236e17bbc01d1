import ConformContract
import Logging
import ServerScope

/// The mock gateway served for the length of some work: on 127.0.0.1 at a free port, accepting
/// one key, with the roles its models play. `conform run` checks it when no `--base-url` is
/// given, `conform fixtures regenerate` captures goldens from it, and tests start it.
public struct EmbeddedMock: Sendable {
    public let baseURL: String
    public let roles: RoleMapping

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
        let roles = configuration.roleMapping
        return try await ApplicationScope.serve(
            { reportPort in gateway.application(host: "127.0.0.1", port: 0, logger: logger, onServerRunning: reportPort) },
            logger: logger
        ) { port in
            try await body(EmbeddedMock(baseURL: "http://127.0.0.1:\(port)", roles: roles))
        }
    }
}
