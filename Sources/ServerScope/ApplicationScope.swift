import Hummingbird
import Logging
import ServiceLifecycle

/// Serves a Hummingbird application only for as long as some work needs it: starts it, waits
/// for the port it bound, runs the work, then shuts it down gracefully whether the work
/// succeeded or threw. The embedded mock runs this way, and so do the servers tests start.
public enum ApplicationScope {
    /// - Parameter makeApplication: builds the application given the callback to pass as its
    ///   `onServerRunning`, which reports the bound port.
    public static func serve<App: ApplicationProtocol, Result: Sendable>(
        _ makeApplication: (@escaping @Sendable (Int) async -> Void) -> App, logger: Logger,
        _ body: @Sendable (Int) async throws -> Result
    ) async throws -> Result {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = makeApplication { port in portContinuation.yield(port) }
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                // An application that stops before it listens (its port taken) reports no port.
                defer { portContinuation.finish() }
                try await group.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await tasks.waitForAll()
                throw StoppedBeforeListening()
            }
            do {
                let result = try await body(port)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    /// The application stopped without an error before it was listening.
    public struct StoppedBeforeListening: Error, CustomStringConvertible {
        public var description: String { "the server stopped before it was listening" }
    }
}
