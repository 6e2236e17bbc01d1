import AsyncHTTPClient
import NIOCore

/// Reads an engine's response body chunk by chunk, each read bounded in time, so that a stalled
/// engine is noticed while the bytes that did come have already gone on to the client.
///
/// A reader has one consumer: the gateway route relaying the body. That is what makes the unchecked
/// `Sendable` sound: the iterator is only ever advanced by one read at a time.
final class UpstreamBodyReader: @unchecked Sendable {
    /// Nothing arrived within the bound of one read.
    struct Silence: Error {
        let limit: Duration
    }

    private var iterator: HTTPClientResponse.Body.AsyncIterator

    init(_ body: HTTPClientResponse.Body) {
        iterator = body.makeAsyncIterator()
    }

    /// The next chunk, or nil at the end of the body; throws ``Silence`` when nothing came within
    /// `limit`, and the transfer's own error when the engine broke off. A read that loses the race
    /// is cancelled, which aborts the transfer.
    func next(within limit: Duration) async throws -> ByteBuffer? {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await self.advance() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw Silence(limit: limit)
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }

    /// Every remaining byte, as long as the whole body arrives before `deadline` and stays within
    /// `maximumBytes`.
    func collect(before deadline: ContinuousClock.Instant, maximumBytes: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let chunk = try await next(within: ContinuousClock.now.duration(to: deadline)) {
            guard bytes.count + chunk.readableBytes <= maximumBytes else { throw TooLarge(limit: maximumBytes) }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return bytes
    }

    /// The body is larger than the gateway takes from an engine.
    struct TooLarge: Error {
        let limit: Int
    }

    private func advance() async throws -> ByteBuffer? {
        try await iterator.next()
    }
}
