import AsyncHTTPClient
import NIOCore

/// Reads an engine's response body chunk by chunk, for one consumer: the gateway route relaying
/// it. That single consumer is what makes the unchecked `Sendable` sound: the iterator is only
/// ever advanced by one read at a time. The client's idle read timer bounds each wait.
final class UpstreamBodyReader: @unchecked Sendable {
    private var iterator: HTTPClientResponse.Body.AsyncIterator

    init(_ body: HTTPClientResponse.Body) {
        iterator = body.makeAsyncIterator()
    }

    /// The next chunk, or nil at the end of the body; throws the transfer's error when the engine
    /// broke off or went silent.
    func next() async throws -> ByteBuffer? {
        try await iterator.next()
    }

    /// Every remaining byte, within `maximumBytes`; a body still arriving at `deadline` is cut off.
    func collect(before deadline: ContinuousClock.Instant, maximumBytes: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let chunk = try await next() {
            guard bytes.count + chunk.readableBytes <= maximumBytes else { throw TooLarge(limit: maximumBytes) }
            bytes.append(contentsOf: chunk.readableBytesView)
            if ContinuousClock.now > deadline { throw PastDeadline() }
        }
        return bytes
    }

    /// The body is larger than the gateway takes from an engine.
    struct TooLarge: Error {
        let limit: Int
    }

    /// The body was still arriving when the request's time ran out.
    struct PastDeadline: Error {}
}
