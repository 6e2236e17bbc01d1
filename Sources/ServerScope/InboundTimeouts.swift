import Hummingbird
import HummingbirdCore
import NIOCore

/// How long a server waits for what its clients send, so that idle, slow or stalled clients are
/// closed and their descriptors come back: `idle` bounds a keep-alive connection with no request,
/// and any gap in reading a request's head or body (a client that sends headers slowly, or a body
/// shorter than its `Content-Length`, is closed when it stops sending); `bodyRead` bounds reading
/// one whole body, however steadily it trickles in.
public struct InboundTimeouts: Sendable, Hashable {
    public var idle: Duration
    public var bodyRead: Duration

    public init(idle: Duration = .seconds(30), bodyRead: Duration = .seconds(60)) {
        self.idle = idle
        self.bodyRead = bodyRead
    }

    /// The HTTP/1.1 server with the idle timeout, and `handlers` after the HTTP codec.
    public func server(handlers: @escaping @Sendable () -> [any RemovableChannelHandler] = { [] }) -> HTTPServerBuilder {
        let (seconds, attoseconds) = idle.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        return .http1(configuration: .init(additionalChannelHandlers: handlers(), idleTimeout: .nanoseconds(nanoseconds)))
    }

    /// Thrown when a body is not read whole within ``bodyRead``.
    public struct BodyReadTimedOut: Error, Sendable, Hashable, CustomStringConvertible {
        public var limit: Duration
        public var description: String { "the request body did not arrive within \(limit)" }
    }

    /// The whole body of `request`, up to `maximumSize` bytes, read within ``bodyRead``: each
    /// chunk that arrives after the deadline ends the read (a client that stops sending altogether
    /// is closed by the idle timeout). No timer runs per request.
    public func collectBody(_ request: Request, upTo maximumSize: Int) async throws -> ByteBuffer {
        let deadline = ContinuousClock.now + bodyRead
        var collected = ByteBuffer()
        var chunks = 0
        for try await chunk in request.body {
            chunks += 1
            if chunks > 1, ContinuousClock.now > deadline { throw BodyReadTimedOut(limit: bodyRead) }
            guard collected.readableBytes + chunk.readableBytes <= maximumSize else { throw NIOTooManyBytesError(maxBytes: maximumSize) }
            if chunks == 1 {
                collected = chunk
            } else {
                var chunk = chunk
                collected.writeBuffer(&chunk)
            }
        }
        return collected
    }
}
