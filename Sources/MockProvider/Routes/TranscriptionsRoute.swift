import ConformContract
import Hummingbird
import ServerScope
import Workers

/// `POST /v1/audio/transcriptions`: a multipart audio upload forwarded to the model's engine;
/// the transcript comes back as JSON or text in the requested format.
struct TranscriptionsRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        let form = try await MultipartRequest.form(request, services: services)
        let deployment = try services.deployment(named: try MultipartRequest.model(form), kind: .transcriptions)
        let response = try await services.call(
            deployment, WorkerRequest(path: EnginePath.transcriptions, body: .multipart(MultipartRequest.renamingModel(form, to: deployment.name))))
        try services.requireSuccess(response)
        switch response.body {
        case .json(let json): return ResponseBuilder.json(json)
        case .bytes(let bytes): return ResponseBuilder.bytes(bytes, contentType: response.contentType)
        case .events(let stream): return ResponseBuilder.events(stream, editor: PassThroughEditor())
        case .byteStream(let chunks): return ResponseBuilder.byteStream(chunks, contentType: response.contentType)
        }
    }
}
