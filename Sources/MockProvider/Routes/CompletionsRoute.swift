import ConformContract
import Hummingbird
import ServerScope
import Workers

/// `POST /v1/completions`: forwarded to the model's engine, plain or streamed.
struct CompletionsRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        var body = try await services.reader.jsonObject(request)
        OpenAIStreamOptions.injectUsageWhenEmulating(&body, services)
        let (response, _) = try await services.forward(body, kind: .completions, path: EnginePath.completions, request: request)
        return ResponseBuilder.relay(response, framing: services.relayFraming)
    }
}
