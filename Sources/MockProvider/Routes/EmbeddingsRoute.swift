import ConformContract
import ConformJSON
import Hummingbird
import ServerScope
import Workers

/// `POST /v1/embeddings`: forwarded to the model's engine. The answer depends only on the body,
/// so repeated requests can come from the response memo.
struct EmbeddingsRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        let received = try await services.reader.buffer(request)
        return try await services.memoized(request, body: received) { try await answer(received, request) }
    }

    func answer(_ received: ByteBuffer, _ request: Request) async throws -> ByteBuffer {
        let body = try services.reader.jsonObject(in: received)
        let (response, _) = try await services.forward(body, kind: .embeddings, path: EnginePath.embeddings, request: request)
        guard case .json(let json) = response.body else {
            throw GatewayError(.badGateway, .upstreamUnavailable, "The upstream answered embeddings with something other than JSON.")
        }
        return ResponseBuilder.serialized(json)
    }
}
