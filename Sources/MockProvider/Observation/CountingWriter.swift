import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// How many bytes an answer's body has had written, and when the first came.
final class ByteCounter: Sendable {
    private let state = Mutex<(bytes: Int, firstByte: Duration?)>((0, nil))
    let started: ContinuousClock.Instant

    init(started: ContinuousClock.Instant) {
        self.started = started
    }

    func add(_ count: Int) {
        state.withLock { state in
            if state.firstByte == nil && count > 0 { state.firstByte = started.duration(to: .now) }
            state.bytes += count
        }
    }

    var bytes: Int { state.withLock { $0.bytes } }
    var firstByte: Duration? { state.withLock { $0.firstByte } }
}

/// Passes an answer's body on while counting it, and reports once the body is finished.
struct CountingWriter<Parent: ResponseBodyWriter>: ResponseBodyWriter {
    var parent: Parent
    let counter: ByteCounter
    let onFinish: @Sendable (Int, Duration?) -> Void

    mutating func write(_ buffer: ByteBuffer) async throws {
        counter.add(buffer.readableBytes)
        try await parent.write(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await parent.finish(trailingHeaders)
        onFinish(counter.bytes, counter.firstByte)
    }
}

extension ResponseBodyWriter {
    /// This writer behind one that counts what passes.
    consuming func counting(_ counter: ByteCounter, onFinish: @escaping @Sendable (Int, Duration?) -> Void) -> some ResponseBodyWriter {
        CountingWriter(parent: self, counter: counter, onFinish: onFinish)
    }
}
