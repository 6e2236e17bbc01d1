import AsyncHTTPClient
import Logging
import NIOCore
import NIOPosix
import Synchronization
import Workers

/// The HTTP clients a gateway's adapters share, created on first use and shut down with the
/// gateway. async-http-client sets timeouts per client, so there is one client (one connection
/// pool) per pair of connect timeout and longest silence: with the default settings, one for
/// streams and one for whole answers, shared by every engine. They run on the process's shared
/// event loops, the ones the gateway's server runs on, so forwarding never blocks a loop and often
/// stays on the one that took the request; the silence is watched on the loop, at no cost per chunk.
final class UpstreamClients: Sendable {
    /// The timeouts one client applies to every request it sends.
    struct Profile: Hashable {
        var connect: Duration
        /// The longest wait for the next bytes once the request is sent, the response head included.
        var silence: Duration
    }

    private enum State {
        case open([Profile: HTTPClient])
        case closed
    }

    private let state = Mutex(State.open([:]))

    /// Connections kept per engine: enough that the gateway never queues behind its own pool.
    static let connectionsPerEngine = 512

    func client(_ profile: Profile) throws(WorkerUnavailable) -> HTTPClient {
        let client: HTTPClient? = state.withLock { state in
            guard case .open(var clients) = state else { return nil }
            if let existing = clients[profile] { return existing }
            let created = HTTPClient(
                eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: Self.configuration(profile),
                backgroundActivityLogger: Logger(label: "conform-upstream", factory: { _ in SwiftLogNoOpLogHandler() }))
            clients[profile] = created
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

    private static func configuration(_ profile: Profile) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: TimeAmount(profile.connect), read: TimeAmount(profile.silence))
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
