import HTTPTypes
import Hummingbird
import NIOCore

/// A writer that keeps what is written, for rewriting or measuring a whole body.
final class CollectingWriter: ResponseBodyWriter, @unchecked Sendable {
    var bytes: [UInt8] = []

    func write(_ buffer: ByteBuffer) async throws {
        bytes += buffer.readableBytesView
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
