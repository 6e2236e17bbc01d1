import ConformContract
import Hummingbird
import Workers

/// `POST /v1/completions`: forwarded to the model's engine, plain or streamed.
struct CompletionsRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        var body = try await services.reader.jsonObject(request)
        OpenAIStreamOptions.injectUsageWhenEmulating(&body, services)
        let (response, _) = try await services.forward(body, kind: .completions, path: EnginePath.completions, request: request)
        switch response.body {
        case .events(let stream):
            return ResponseBuilder.events(stream, editor: OpenAIStreamEditor(deviations: services.deviations, isChat: false))
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
