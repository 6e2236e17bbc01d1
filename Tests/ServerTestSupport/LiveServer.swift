import ServerScope
import Hummingbird
import Logging

/// Runs a Hummingbird application on 127.0.0.1 at an ephemeral port for the duration of `body`,
/// then shuts it down gracefully. `makeApplication` receives the callback to pass as the
/// application's `onServerRunning`, which reports the bound port.
public func withLiveServer<App: ApplicationProtocol, Result: Sendable>(
    _ makeApplication: (@escaping @Sendable (Int) async -> Void) -> App,
    _ body: @Sendable (Int) async throws -> Result
) async throws -> Result {
    var logger = Logger(label: "conform-test-server")
    logger.logLevel = .critical
    return try await ApplicationScope.serve(makeApplication, logger: logger, body)
}

/// A Hummingbird application bound to 127.0.0.1 on an ephemeral port, quiet in test logs.
public func loopbackApplication<Router: HTTPResponderBuilder>(
    router: Router, reportPort: @escaping @Sendable (Int) async -> Void
) -> some ApplicationProtocol where Router.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
    var logger = Logger(label: "conform-test-server")
    logger.logLevel = .critical
    return Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in await reportPort(channel.localAddress?.port ?? 0) },
        logger: logger
    )
}
