import ConformContract
import ConformJSON
import Hummingbird
import ServerScope
import Workers

/// `POST /v1/responses`: forwarded to the model's engine, plain or streamed as named events.
struct ResponsesRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        let body = try await services.reader.jsonObject(request)
        let (response, _) = try await services.forward(body, kind: .responses, path: EnginePath.responses, request: request)
        return ResponseBuilder.relay(response, editor: ResponsesStreamEditor(), framing: services.relayFraming)
    }
}

/// Relays a Responses stream, counting its events so that a stream the engine breaks off ends
/// with the Responses API's own error event and the next sequence number.
struct ResponsesStreamEditor: EventStreamEditor {
    private var index: Int64 = 0

    mutating func edit(_ event: WorkerEvent) -> [WorkerEvent] {
        if event.json != nil { index += 1 }
        return [event]
    }

    /// The Responses API's error event: flat, with its own sequence number.
    mutating func fail(_ error: any Error) -> [WorkerEvent] {
        [.json(["type": "error", "code": "server_error", "message": .string("The upstream stream failed: \(error)"), "param": .null, "sequence_number": .integer(index)], name: "error")]
    }
}
