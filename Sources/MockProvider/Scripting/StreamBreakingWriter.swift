import HTTPTypes
import HTTPWire
import Hummingbird
import NIOCore

/// Breaks a stream on purpose, as a fault asks: after `cutAfterEvents` events the connection is
/// dropped mid-stream (the body fails, so no terminating chunk is sent); after
/// `malformedEventAfter` events a truncated event that is not JSON is sent and the stream ends.
struct StreamBreakingWriter<Parent: ResponseBodyWriter>: ResponseBodyWriter {
    /// Thrown to drop the connection mid-stream.
    struct Cut: Error {}

    var parent: Parent
    let fault: Fault
    private var parser = EventStreamParser()
    private var events = 0
    private var broken = false

    init(parent: Parent, fault: Fault) {
        self.parent = parent
        self.fault = fault
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        guard !broken else { return }
        var out: [UInt8] = []
        for output in parser.feed(buffer.readableBytesView) {
            guard case .event(let event) = output else { continue }
            if let cut = fault.cutAfterEvents, events >= cut {
                if !out.isEmpty { try await parent.write(ByteBuffer(bytes: out)) }
                throw Cut()
            }
            if let after = fault.malformedEventAfter, events >= after {
                out += Array("data: {\"truncated\": \"this event ends befo\n\n".utf8)
                broken = true
                break
            }
            out += ServerSentEvent(event: event.event, data: event.data).encoded
            events += 1
        }
        if !out.isEmpty { try await parent.write(ByteBuffer(bytes: out)) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await parent.finish(trailingHeaders)
    }
}

extension ResponseBodyWriter {
    /// This writer behind one that breaks the stream as `fault` asks.
    consuming func breakingStream(after fault: Fault) -> some ResponseBodyWriter {
        StreamBreakingWriter(parent: self, fault: fault)
    }
}
