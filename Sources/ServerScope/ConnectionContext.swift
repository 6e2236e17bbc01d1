import Hummingbird
import NIOCore
import Workers

/// The request context of conform's servers: Hummingbird's basic one plus the connection the
/// request came on, so that work done for a client can stop when the client goes away
/// (``watchingClient(_:)``).
public struct ConnectionContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection, when the request came over one (absent when a test calls a responder directly).
    public let channel: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Runs `work` with ``ClientLiveness`` telling whether this client is still connected, so that
    /// heavy work for it stops when it leaves. Nothing runs beside `work`: a heavy job reads the
    /// connection's state between its units, and a queued one every 100 ms.
    public func watchingClient<Result: Sendable>(_ work: () async throws -> Result) async rethrows -> Result {
        guard let channel else { return try await work() }
        return try await ClientLiveness.$isConnected.withValue({ channel.isActive }) { try await work() }
    }
}
