import ConformContract
import HTTPWire
import Hummingbird
import ServerScope
import Workers

/// `GET /v1/images/content/<model>/<seed>-<width>x<height>.png`: the picture an image `url`
/// names, painted again by the model's engine. Like a signed storage URL it needs no key: the URL
/// itself is the capability.
struct ImageContentRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        let path = request.uri.path
        let rest = path.dropFirst(EnginePath.imageContentPrefix.count + 1)
        guard let modelSegment = rest.split(separator: "/").first,
            let deployment = services.registry.deployment(named: PercentEncoding.decode(String(modelSegment)) ?? String(modelSegment)),
            deployment.configuration.kinds.contains(.images) || deployment.configuration.kinds.contains(.imageEdits)
        else {
            throw GatewayError.routeNotFound(request.method, path)
        }
        let response = try await services.call(deployment, WorkerRequest(method: .get, path: path))
        guard response.isSuccess, case .bytes(let png) = response.body else {
            throw GatewayError.routeNotFound(request.method, path)
        }
        return ResponseBuilder.bytes(png, contentType: "image/png", headers: response.headers)
    }
}
