import ConformContract
import Hummingbird
import ServerScope
import Workers

/// `POST /v1/audio/speech`: forwarded to the model's engine; the audio comes back as bytes.
struct SpeechRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        let body = try await services.reader.jsonObject(request)
        let (response, _) = try await services.forward(body, kind: .speech, path: EnginePath.speech, request: request)
        guard case .bytes(let audio) = response.body else {
            throw GatewayError(.badGateway, .upstreamUnavailable, "The upstream answered speech with something other than audio.")
        }
        return ResponseBuilder.bytes(audio, contentType: response.contentType)
    }
}
