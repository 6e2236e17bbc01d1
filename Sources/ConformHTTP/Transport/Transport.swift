/// Sends HTTP requests through libcurl from async code. Every transfer runs on one shared libcurl
/// thread, so thousands may be in flight without holding a thread of the cooperative pool; cancelling
/// the calling task aborts its transfer.
public struct Transport: Sendable {
    /// Limits used when a call does not pass its own.
    public var options: TransferOptions

    public init(options: TransferOptions = TransferOptions()) {
        self.options = options
    }

    /// Sends `request` and returns the complete response, whatever its status.
    /// - Throws: ``TransportError`` when no complete response arrived, `CancellationError` when
    ///   the calling task was cancelled.
    public func send(_ request: OutgoingRequest, options: TransferOptions? = nil) async throws -> ReceivedResponse {
        let transfer = try CurlTransfer(request: request, options: options ?? self.options)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.attach(.whole(continuation))
                CurlMultiLoop.shared.start(transfer)
            }
        } onCancel: {
            transfer.cancel()
        }
    }

    /// Sends `request` and returns as soon as the response head has arrived; the body is then read
    /// as a `text/event-stream`, event by event, while it arrives.
    /// - Parameter maxEventWait: the longest wait for the first event (from the start of the
    ///   request) and for each following one; past it the stream ends with
    ///   ``TransportError/Kind/eventWaitExceeded``.
    /// - Throws: ``TransportError`` when the exchange failed before the head arrived.
    public func openEventStream(
        _ request: OutgoingRequest, maxEventWait: Duration? = nil, options: TransferOptions? = nil
    ) async throws -> EventStreamResponse {
        let transfer = try CurlTransfer(request: request, options: options ?? self.options, maxEventWait: maxEventWait)
        let (stream, items) = AsyncStream.makeStream(of: EventStreamItem.self, bufferingPolicy: .unbounded)
        items.onTermination = { termination in
            if case .cancelled = termination { transfer.cancel() }
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.attach(.stream(head: continuation, items: items, stream: stream))
                CurlMultiLoop.shared.start(transfer)
            }
        } onCancel: {
            transfer.cancel()
        }
    }
}
