import AsyncHTTPClient
import Logging
import NIOCore
import NIOPosix
import Synchronization
import Workers

/// The HTTP clients a gateway's adapters share: one connection pool per connect timeout (with the
/// default settings, one for every engine), created on first use and shut down with the gateway.
/// They run on the process's shared event loops, the ones the gateway's server runs on, so
/// forwarding never blocks a loop and often stays on the one that took the request.
final class UpstreamClients: Sendable {
    private enum State {
        case open([Duration: HTTPClient])
        case closed
    }

    private let state = Mutex(State.open([:]))

    /// Connections kept per engine: enough that the gateway never queues behind its own pool.
    static let connectionsPerEngine = 512

    func client(connectTimeout: Duration) throws(WorkerUnavailable) -> HTTPClient {
        let client: HTTPClient? = state.withLock { state in
            guard case .open(var clients) = state else { return nil }
            if let existing = clients[connectTimeout] { return existing }
            let created = HTTPClient(
                eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                configuration: Self.configuration(connectTimeout: connectTimeout),
                backgroundActivityLogger: Logger(label: "conform-upstream", factory: { _ in SwiftLogNoOpLogHandler() }))
            clients[connectTimeout] = created
            state = .open(clients)
            return created
        }
        guard let client else { throw WorkerUnavailable(reason: "the gateway is shutting down") }
        return client
    }

    /// Closes every pool; later requests fail as unavailable.
    func shutdown() async {
        let clients: [HTTPClient] = state.withLock { state in
            guard case .open(let clients) = state else { return [] }
            state = .closed
            return Array(clients.values)
        }
        for client in clients {
            try? await client.shutdown()
        }
    }

    private static func configuration(connectTimeout: Duration) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: TimeAmount(connectTimeout), read: nil)
        configuration.connectionPool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerEngine)
        // An engine that refuses connections is unreachable now: say so at once instead of
        // retrying until the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        // Redirects and compressed bodies are the client's business: they pass through unchanged.
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        return configuration
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
