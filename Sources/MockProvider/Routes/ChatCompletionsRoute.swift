import ConformContract
import ConformJSON
import Hummingbird
import ServerScope
import Workers

/// `POST /v1/chat/completions`: forwarded to the model's engine, plain or streamed.
struct ChatCompletionsRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        var body = try await services.reader.jsonObject(request)
        OpenAIStreamOptions.injectUsageWhenEmulating(&body, services)
        let (response, _) = try await services.forward(body, kind: .chat, path: EnginePath.chatCompletions, request: request)
        return ResponseBuilder.relay(response, framing: services.relayFraming)
    }
}

/// GPUStack injects `stream_options.include_usage` into streamed chat and completion requests that
/// lack it, so its clients always get the usage chunk (gpustack-ai-proxy
/// `normalizeOpenAiRequestBody`, issue #4874).
enum OpenAIStreamOptions {
    static func injectUsageWhenEmulating(_ body: inout JSONObject, _ services: GatewayServices) {
        guard services.emulatesGPUStack, body["stream"] == .bool(true) else { return }
        if case .object(var options) = body["stream_options"] ?? .null {
            if options["include_usage"] == nil {
                options["include_usage"] = true
                body["stream_options"] = .object(options)
            }
        } else if body["stream_options"] == nil || body["stream_options"] == .null {
            body["stream_options"] = ["include_usage": true]
        }
    }
}
