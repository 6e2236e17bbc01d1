import ConformContract
import ConformJSON
import Hummingbird
import Workers

/// `POST /v1/responses`: forwarded to the model's engine, plain or streamed as named events.
struct ResponsesRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let body = try await services.reader.jsonObject(request)
        let (response, _) = try await services.forward(body, kind: .responses, path: EnginePath.responses, request: request)
        switch response.body {
        case .events(let stream):
            return ResponseBuilder.events(stream, editor: ResponsesStreamEditor(deviations: services.deviations))
        case .json(var json):
            if services.deviates(.usageWrongTotal) { json = UsageEditing.wrongTotal(json) }
            return ResponseBuilder.json(json)
        case .bytes(let bytes):
            return ResponseBuilder.bytes(bytes, contentType: response.contentType)
        case .byteStream(let chunks):
            return ResponseBuilder.byteStream(chunks, contentType: response.contentType)
        }
    }
}

/// Applies the deviations that touch Responses streams: a `sequence_number` that repeats once
/// instead of rising, and a miscounted total in the final usage.
struct ResponsesStreamEditor: EventStreamEditor {
    let repeatSequence: Bool
    let wrongTotal: Bool
    private var index: Int64 = 0

    init(deviations: Set<Deviation>) {
        repeatSequence = deviations.contains(.responsesSequenceRepeats)
        wrongTotal = deviations.contains(.usageWrongTotal)
    }

    mutating func edit(_ event: WorkerEvent) -> [WorkerEvent] {
        guard var json = event.json else { return [event] }
        if repeatSequence, json["sequence_number"] != nil {
            json["sequence_number"] = .integer(max(index - 1, 0))
        }
        index += 1
        if wrongTotal { json = UsageEditing.wrongTotal(json) }
        return [.json(json, name: event.name)]
    }

    /// The Responses API's error event: flat, with its own sequence number.
    mutating func fail(_ error: any Error) -> [WorkerEvent] {
        [.json(["type": "error", "code": "server_error", "message": .string("The upstream stream failed: \(error)"), "param": .null, "sequence_number": .integer(index)], name: "error")]
    }
}
