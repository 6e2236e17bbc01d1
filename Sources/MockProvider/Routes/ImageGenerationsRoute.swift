import ConformContract
import ConformJSON
import Hummingbird
import ServerScope
import Workers

/// `POST /v1/images/generations`: forwarded to the model's engine; `url` answers point back at
/// this gateway's `/v1/images/content/...`.
struct ImageGenerationsRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        let body = try await services.reader.jsonObject(request)
        let (response, _) = try await services.forward(body, kind: .images, path: EnginePath.imageGenerations, request: request)
        return try ImageResponses.relay(response, services: services)
    }
}

/// What image routes share: relaying the engine's `ImagesResponse`.
enum ImageResponses {
    static func relay(_ response: WorkerResponse, services: GatewayServices) throws(GatewayError) -> Response {
        guard case .json(let json) = response.body else {
            throw GatewayError(.badGateway, .upstreamUnavailable, "The upstream answered with something other than JSON.")
        }
        return ResponseBuilder.json(json)
    }
}
