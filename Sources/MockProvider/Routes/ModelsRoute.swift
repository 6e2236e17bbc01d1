import ConformJSON
import Hummingbird
import Workers

/// `GET /v1/models`: every served model, in configuration order, owned by "gpustack".
struct ModelsRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let created = JSON.integer(services.configuration.clock.now)
        let data: [JSON] = services.registry.deployments.map { deployment in
            var model: JSONObject = ["id": .string(deployment.name), "object": "model", "created": created, "owned_by": "gpustack"]
            // GPUStack's list_models sets `meta` only with `with_meta`, and serializes null otherwise.
            if services.emulatesGPUStack { model["meta"] = .null }
            return .object(model)
        }
        return ResponseBuilder.json(["object": "list", "data": .array(data)])
    }
}
