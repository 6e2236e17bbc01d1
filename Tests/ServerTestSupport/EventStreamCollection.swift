import ConformHTTP
import HTTPWire

extension Transport {
    /// Sends `request` and reads its answer as an event stream to the end: every event in order,
    /// and the whole body as text.
    public func collectEvents(
        _ request: OutgoingRequest, maxEventWait: Duration = .seconds(10)
    ) async throws -> (events: [ServerSentEvent], body: String) {
        let response = try await openEventStream(request, maxEventWait: maxEventWait)
        var events: [ServerSentEvent] = []
        var body = ""
        for await item in response {
            switch item {
            case .event(let event, _): events.append(event)
            case .comment: break
            case .finished(let summary): body = String(decoding: summary.body, as: UTF8.self)
            }
        }
        return (events, body)
    }
}
