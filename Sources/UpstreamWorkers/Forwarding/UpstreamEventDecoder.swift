import ConformJSON
import HTTPWire
import NIOCore
import Workers

/// Turns an engine's `text/event-stream` body into ``WorkerEvent``s as the bytes arrive: each event
/// goes on the moment its blank line is read, never held back for the rest of the stream.
/// `data` that parses as JSON is kept parsed, anything else (OpenAI's `[DONE]`) as text; `id`,
/// `retry` and comments are not relayed.
final class UpstreamEventDecoder: @unchecked Sendable {
    private let reader: UpstreamBodyReader
    private let describeFailure: @Sendable (any Error) -> any Error
    private var parser = EventStreamParser()
    private var pending: [WorkerEvent] = []
    private var pendingStart = 0
    private var ended = false

    /// Reads `reader`; `describeFailure` turns a broken or stalled transfer into the error the
    /// stream ends with.
    init(reader: UpstreamBodyReader, describeFailure: @escaping @Sendable (any Error) -> any Error) {
        self.reader = reader
        self.describeFailure = describeFailure
    }

    /// The events, for one consumer (see ``UpstreamBodyReader``).
    static func stream(_ decoder: UpstreamEventDecoder) -> WorkerEventStream {
        AsyncThrowingStream(unfolding: decoder.next)
    }

    @Sendable private func next() async throws -> WorkerEvent? {
        while true {
            if pendingStart < pending.count {
                defer { pendingStart += 1 }
                return pending[pendingStart]
            }
            if ended { return nil }
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
            let chunk: ByteBuffer?
            do {
                chunk = try await reader.next()
            } catch {
                ended = true
                throw describeFailure(error)
            }
            guard let chunk else {
                parser.finish()
                ended = true
                continue
            }
            for output in parser.feed(chunk.readableBytesView) {
                if case .event(let event) = output { pending.append(Self.workerEvent(event)) }
            }
        }
    }

    static func workerEvent(_ event: ServerSentEvent) -> WorkerEvent {
        let bytes = Array(event.data.utf8)
        if let first = bytes.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
            let json = try? JSONParser().parse(bytes)
        {
            return WorkerEvent(name: event.event, payload: .json(json))
        }
        return WorkerEvent(name: event.event, payload: .text(event.data))
    }
}
