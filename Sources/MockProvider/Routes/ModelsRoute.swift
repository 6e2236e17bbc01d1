import ConformJSON
import Hummingbird
import ServerScope
import Workers

/// `GET /v1/models` (and `GET /v1/models/{id}`): every ready model, in configuration order,
/// owned by "gpustack"; GPUStack lists only routes with a ready target. Under GPUStack emulation the list is serialised as 2.3.0
/// does (openai-python's `Model` with its unset fields): `data` first, each item with
/// `"shutdown_date": null` and `"meta": null`.
struct ModelsRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        let data: [JSON] = services.registry.deployments.filter(\.worker.readiness.isReady).map(item)
        if services.emulatesGPUStack { return ResponseBuilder.json(["data": .array(data), "object": "list"]) }
        return ResponseBuilder.json(["object": "list", "data": .array(data)])
    }

    /// `GET /v1/models/{id}`: one ready model as the list shows it, else 404.
    func handleOne(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard let deployment = services.registry.deployment(named: id), deployment.worker.readiness.isReady else {
            throw GatewayError.modelNotFound(id)
        }
        return ResponseBuilder.json(item(deployment))
    }

    /// A model as the list shows it.
    func item(_ deployment: ModelDeployment) -> JSON {
        let created = JSON.integer(services.configuration.clock.now)
        if services.emulatesGPUStack {
            return [
                "id": .string(deployment.name), "created": created, "object": "model", "owned_by": "gpustack",
                "shutdown_date": .null, "meta": .null,
            ]
        }
        return ["id": .string(deployment.name), "object": "model", "created": created, "owned_by": "gpustack"]
    }
}
