import ConformJSON
import Hummingbird
import ServerScope

/// `GET /v2/model-routes`: GPUStack's own list of model routes, with each route's numeric id (the
/// one the generic proxy's path form takes) and whether the generic proxy is on, as GPUStack's
/// management API pages it. `conform discover` reads it to find route ids.
struct ModelRoutesRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        let items: [JSON] = services.registry.deployments.compactMap { deployment in
            guard let id = deployment.configuration.routeID else { return nil }
            return [
                "id": .integer(Int64(id)), "name": .string(deployment.name),
                "generic_proxy": .bool(deployment.configuration.genericProxy), "access_policy": "authed",
            ]
        }
        let pagination: JSON = ["page": 1, "perPage": .integer(Int64(max(items.count, 1))), "total": .integer(Int64(items.count)), "totalPage": 1]
        return ResponseBuilder.json(["items": .array(items), "pagination": pagination])
    }
}
