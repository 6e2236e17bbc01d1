import ConformJSON
import HTTPTypes
import Hummingbird
import ServerScope
import Workers

/// The ``WorkerServer``'s request handling. Engine paths are open-ended (TEI's `/embed`, whatever
/// the generic proxy reaches), so there is no route table: the probes (`/health`, `/healthz`,
/// `/ping`, `/version`) and `/v1/models` are the server's own, everything else goes to an engine. A request that names its model in
/// ``EngineModelHeader`` goes to that model's engine whatever its path, so that a gateway's
/// generic proxy reaches the engine's own `/health` or `/v1/models`, as it would on a vLLM of its own.
public struct WorkerResponder: HTTPResponder {
    public typealias Context = ConnectionContext

    /// Required as `Authorization: Bearer TOKEN` everywhere but the server's probes, as vLLM's
    /// `--api-key` is.
    let token: String?
    let models: EngineModelsRoute
    let dispatch: EngineDispatch
    /// What `GET /version` reports.
    let version: String

    public func respond(to request: Request, context: ConnectionContext) async throws -> Response {
        let path = request.uri.path
        let ownPath = request.headers[HTTPField.Name(EngineModelHeader.name)!] == nil
        if ownPath, let probe = probe(path, request.method) {
            return probe
        }
        if let token, request.headers[.authorization] != "Bearer \(token)" {
            // vLLM's answer to a missing or wrong key.
            return EngineResponseWriter.json(["error": "Unauthorized"], status: .unauthorized)
        }
        if ownPath, path == "/v1/models", request.method == .get {
            return models.respond()
        }
        // Heavy work stops when the client leaves before the answer begins.
        return try await context.watchingClient { try await dispatch.respond(to: request) }
    }

    /// The answers to the probes an orchestrator sends without a key: vLLM's `/health` and `/ping`
    /// (empty 200), the `/healthz` GPUStack sends its workers, and vLLM's `/version`.
    func probe(_ path: String, _ method: HTTPRequest.Method) -> Response? {
        switch (path, method) {
        case ("/health", .get), ("/health", .head), ("/healthz", .get), ("/healthz", .head),
            ("/ping", .get), ("/ping", .post), ("/ping", .head):
            return Response(status: .ok)
        case ("/version", .get):
            return EngineResponseWriter.json(["version": .string(version)], status: .ok)
        default:
            return nil
        }
    }
}
