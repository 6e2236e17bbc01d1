import ConformContract
import ConformJSON
import Hummingbird
import ServerScope
import Workers

/// `POST /v1/messages` (Anthropic): accepts `x-api-key` or Bearer and any `anthropic-version`,
/// translates the request to chat completions for the model's engine and the answer back, plain
/// or streamed. Under GPUStack emulation an unknown or missing model is a 404 `{"detail":"Not
/// Found"}` before any key check, because GPUStack has no such route outside its model ingress.
struct MessagesRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        if !services.emulatesGPUStack { try services.auth.verify(request.headers) }
        let body = try await services.reader.jsonObject(request)
        let deployment = try services.deployment(for: body, kind: .messages)
        if services.emulatesGPUStack { try services.auth.verify(request.headers) }
        let translated: (chat: JSONObject, stream: Bool)
        do {
            translated = try AnthropicRequestTranslator.chatRequest(body, model: deployment.name)
        } catch {
            throw GatewayError(.badRequest, .invalidRequest, error.message, param: error.param)
        }
        let response = try await services.call(
            deployment, WorkerRequest(path: EnginePath.chatCompletions, headers: services.forwardedHeaders(request), body: .json(.object(translated.chat))))
        do {
            try services.requireSuccess(response)
        } catch {
            throw AnthropicRequestTranslator.renamingChatFields(error)
        }
        switch response.body {
        case .events(let stream):
            let inputTokens = Self.promptTokens(translated.chat)
            return ResponseBuilder.events(
                stream,
                editor: AnthropicStreamTranslator(
                    model: deployment.name, inputTokens: inputTokens))
        case .json(let chat):
            let message = AnthropicResponseTranslator.message(fromChat: chat, model: deployment.name)
            return ResponseBuilder.json(message)
        case .bytes, .byteStream:
            throw GatewayError(.badGateway, .upstreamUnavailable, "The upstream answered with something other than JSON.")
        }
    }

    /// The prompt's tokens as the shared tokenizer counts them, for message_start's usage.
    static func promptTokens(_ chat: JSONObject) -> Int {
        var tokens = 0
        for message in chat["messages"]?.arrayValue ?? [] {
            switch message["content"] {
            case .string(let text): tokens += TokenCounter.count(text)
            case .array(let parts): tokens += parts.reduce(0) { $0 + ($1["text"]?.stringValue.map(TokenCounter.count) ?? 1) }
            default: break
            }
            for call in message["tool_calls"]?.arrayValue ?? [] {
                tokens += TokenCounter.count(call["function"]?["name"]?.stringValue ?? "")
                tokens += TokenCounter.count(call["function"]?["arguments"]?.stringValue ?? "")
            }
        }
        return tokens
    }
}
