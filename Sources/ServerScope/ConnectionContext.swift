import Hummingbird
import NIOCore

/// The request context of conform's servers: Hummingbird's basic one plus the connection the
/// request came on, so that work done for a client can stop when the client goes away
/// (``whileConnected(_:)``).
public struct ConnectionContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection, when the request came over one (absent when a test calls a responder directly).
    public let channel: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Runs `work`, cancelling it when the client's connection closes before it finishes; then
    /// it throws `CancellationError`. Streams that are being written stop by themselves, when a
    /// write fails: this is for the work that comes before the first byte.
    public func whileConnected<Result: Sendable>(_ work: @escaping @Sendable () async throws -> Result) async throws -> Result {
        guard let channel else { return try await work() }
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                // Polled rather than awaited on closeFuture, which would keep one callback per
                // request alive for as long as a keep-alive connection lasts.
                while channel.isActive { try await Task.sleep(for: .milliseconds(100)) }
                return nil
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let result = next { return result }
                throw CancellationError()
            }
            throw CancellationError()
        }
    }
}
