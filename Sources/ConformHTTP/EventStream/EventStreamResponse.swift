import HTTPWire

/// A response read as a `text/event-stream` while it arrives: the head first, then each event the
/// moment its blank line is received, then a summary with every byte that came.
///
/// Iterating never throws. Transport failures, including a wait for the next event that ran past the
/// bound, end the sequence with ``EventStreamItem/finished(_:)`` carrying the error.
/// Abandoning the iteration aborts the transfer.
public struct EventStreamResponse: AsyncSequence, Sendable {
    public typealias Element = EventStreamItem

    public let head: ReceivedResponseHead
    let items: AsyncStream<EventStreamItem>

    init(head: ReceivedResponseHead, items: AsyncStream<EventStreamItem>) {
        self.head = head
        self.items = items
    }

    public func makeAsyncIterator() -> AsyncStream<EventStreamItem>.Iterator {
        items.makeAsyncIterator()
    }
}

/// One step of an ``EventStreamResponse``.
public enum EventStreamItem: Sendable, Hashable {
    /// An event, with the time it arrived measured from the start of the transfer.
    case event(ServerSentEvent, receivedAt: Duration)
    case comment(String, receivedAt: Duration)
    /// The stream ended, cleanly or not. Always the last item.
    case finished(EventStreamSummary)
}

/// How an event stream ended: every byte received (up to the body limit), the timings, what the
/// parser noticed, and the transport error if the stream did not end cleanly.
public struct EventStreamSummary: Sendable, Hashable {
    public var body: [UInt8]
    public var timings: ExchangeTimings
    public var diagnostics: [EventStreamDiagnostic]
    public var error: TransportError?

    public init(body: [UInt8], timings: ExchangeTimings, diagnostics: [EventStreamDiagnostic], error: TransportError?) {
        self.body = body
        self.timings = timings
        self.diagnostics = diagnostics
        self.error = error
    }
}
