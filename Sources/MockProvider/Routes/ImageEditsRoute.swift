import ConformContract
import HTTPWire
import Hummingbird
import ServerScope
import Workers

/// `POST /v1/images/edits`: a multipart upload (`image` or `image[]`, optional `mask`), checked
/// for its model here and forwarded to the model's engine, which checks the pictures.
struct ImageEditsRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        let form = try await MultipartRequest.form(request, services: services)
        let deployment = try services.deployment(named: try MultipartRequest.model(form), kind: .imageEdits)
        let response = try await services.call(
            deployment,
            WorkerRequest(path: EnginePath.imageEdits, headers: services.forwardedHeaders(request), body: .multipart(MultipartRequest.renamingModel(form, to: deployment.name))))
        try services.requireSuccess(response)
        return try ImageResponses.relay(response, services: services)
    }
}

/// Reading multipart requests at the gateway: parse within the body limit and find the model.
enum MultipartRequest {
    static func form(_ request: Request, services: GatewayServices) async throws(GatewayError) -> MultipartForm {
        let bytes = try await services.reader.bytes(request)
        do {
            return try MultipartFormParser().parse(bytes, contentType: request.headers[.contentType] ?? "")
        } catch {
            throw GatewayError(.badRequest, .invalidRequest, "We could not parse the form body of your request: \(error.reason)")
        }
    }

    static func model(_ form: MultipartForm) throws(GatewayError) -> String {
        guard let model = form.text("model"), !model.isEmpty else { throw .missingModel() }
        return model
    }

    /// The form with its `model` field set to the deployment's name.
    static func renamingModel(_ form: MultipartForm, to name: String) -> MultipartForm {
        var form = form
        for index in form.parts.indices where form.parts[index].name == "model" && form.parts[index].filename == nil {
            form.parts[index].data = Array(name.utf8)
        }
        return form
    }
}
