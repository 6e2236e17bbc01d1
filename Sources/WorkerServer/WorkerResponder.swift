import ConformJSON
import HTTPTypes
import Hummingbird

/// The ``WorkerServer``'s request handling. Engine paths are open-ended (TEI's `/embed`, whatever
/// the generic proxy reaches), so there is no route table: `/health` and `/v1/models` are answered
/// here, everything else by the engine.
public struct WorkerResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    /// Required as `Authorization: Bearer TOKEN` everywhere but `/health`, as vLLM's `--api-key` is.
    let token: String?
    let models: EngineModelsRoute
    let dispatch: EngineDispatch

    public func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let path = request.uri.path
        if path == "/health", request.method == .get || request.method == .head {
            return Response(status: .ok)
        }
        if let token, request.headers[.authorization] != "Bearer \(token)" {
            // vLLM's answer to a missing or wrong key.
            return EngineResponseWriter.json(["error": "Unauthorized"], status: .unauthorized)
        }
        if path == "/v1/models", request.method == .get {
            return models.respond()
        }
        return try await dispatch.respond(to: request)
    }
}
