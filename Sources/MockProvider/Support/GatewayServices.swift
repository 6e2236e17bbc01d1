import ConformContract
import ConformJSON
import HTTPTypes
import Hummingbird
import ServerScope
import Workers

/// What every route shares: the configuration, the registry, the body reader, the key check, the
/// response memo, and the steps of forwarding a request to a model's engine.
struct GatewayServices: Sendable {
    let configuration: MockConfiguration
    let registry: ModelRegistry
    let reader: RequestBodyReader
    let auth: APIKeyAuth<ConnectionContext>
    /// Present when the memo is configured and every engine is deterministic.
    let memo: ResponseMemo?

    var emulatesGPUStack: Bool { configuration.emulation == .gpustack }

    /// How relayed streams are framed: as GPUStack's server re-frames them when emulating it.
    var relayFraming: EventFraming { emulatesGPUStack ? .linePerBlock : .whole }

    /// The deployment a JSON body's `model` names, which must serve `kind`.
    func deployment(for body: JSONObject, kind: ModelKind) throws(GatewayError) -> ModelDeployment {
        guard let value = body["model"], !value.isNull else { throw .missingModel() }
        guard case .string(let name) = value else {
            throw GatewayError(.badRequest, .invalidRequest, "Invalid type for 'model': expected a string, but got \(value.typeName) instead.", param: "model")
        }
        return try deployment(named: name, kind: kind)
    }

    func deployment(named name: String, kind: ModelKind) throws(GatewayError) -> ModelDeployment {
        guard !name.isEmpty else { throw .missingModel() }
        ExchangeNotes.current?.noteRequestedModel(name)
        guard let deployment = registry.deployment(named: name) else { throw .modelNotFound(name) }
        guard deployment.configuration.kinds.contains(kind) else {
            throw GatewayError(
                .badRequest, .invalidRequest,
                "The model `\(name)` does not support this endpoint (it serves: \(deployment.configuration.kinds.sorted().map(\.rawValue).joined(separator: ", "))).",
                param: "model")
        }
        return deployment
    }

    /// Calls the deployment's engine; an engine that is not ready, or unreachable, becomes 503, a
    /// slow one 504.
    func call(_ deployment: ModelDeployment, _ request: WorkerRequest) async throws(GatewayError) -> WorkerResponse {
        if case .notReady(let reason) = deployment.worker.readiness {
            // GPUStack's words for a route without a running instance (routes/openai.py).
            let message = emulatesGPUStack ? "No running instances available" : "The model `\(deployment.name)` is not ready: \(reason)"
            throw GatewayError(.serviceUnavailable, .upstreamUnavailable, message)
        }
        var request = request
        if let script = ScriptedReply.current {
            request.headers[HTTPField.Name(ScriptedReply.headerName)!] = script.headerValue
        }
        do {
            return try await deployment.worker.respond(to: request)
        } catch let unavailable as WorkerUnavailable {
            if let retry = unavailable.retryAfterSeconds {
                throw GatewayError(
                    .serviceUnavailable, .upstreamUnavailable, "Busy: \(unavailable.reason).", retryAfterSeconds: retry)
            }
            if unavailable.timedOut {
                throw GatewayError(.gatewayTimeout, .upstreamTimeout, "Request to the upstream of `\(deployment.name)` timed out: \(unavailable.reason)")
            }
            throw GatewayError(.serviceUnavailable, .upstreamUnavailable, "The upstream of `\(deployment.name)` is unavailable: \(unavailable.reason)")
        } catch {
            throw GatewayError(.serviceUnavailable, .upstreamUnavailable, "The upstream of `\(deployment.name)` failed: \(error)")
        }
    }

    /// Forwards a JSON request for `kind` to the engine of the model it names, at `path`; returns
    /// the engine's successful answer.
    func forward(
        _ body: JSONObject, kind: ModelKind, path: String, request: Request
    ) async throws(GatewayError) -> (response: WorkerResponse, deployment: ModelDeployment) {
        let deployment = try deployment(for: body, kind: kind)
        return (try await forward(body, to: deployment, path: path, request: request), deployment)
    }

    /// Forwards a JSON request to an already resolved deployment's engine at `path`; returns the
    /// engine's successful answer.
    func forward(_ body: JSONObject, to deployment: ModelDeployment, path: String, request: Request) async throws(GatewayError) -> WorkerResponse {
        let response = try await call(deployment, WorkerRequest(path: path, headers: forwardedHeaders(request), body: .json(.object(body))))
        try requireSuccess(response)
        return response
    }

    /// Headers telling the engine how the client reached the gateway, for URLs it hands out.
    func forwardedHeaders(_ request: Request) -> HTTPFields {
        var headers = HTTPFields()
        if let host = request.head.authority ?? request.headers[Self.hostField] {
            headers[Self.forwardedHostField] = host
        }
        headers[Self.forwardedProtoField] = "http"
        return headers
    }

    static let hostField = HTTPField.Name("Host")!
    static let forwardedHostField = HTTPField.Name("X-Forwarded-Host")!
    static let forwardedProtoField = HTTPField.Name("X-Forwarded-Proto")!

    /// A JSON answer that depends only on the request's method, path, query and `body`: taken
    /// from the memo when this request was answered before, else computed by `answer` (and
    /// remembered, when the memo is on). Failures are thrown, never remembered.
    func memoized(
        _ request: Request, body: ByteBuffer, answer: () async throws -> ByteBuffer
    ) async throws -> Response {
        guard let memo else { return ResponseBuilder.json(serialized: try await answer()) }
        let key = ResponseMemo.Key(method: request.method, path: request.uri.path, query: request.uri.query, body: body)
        if let remembered = memo.answer(for: key) { return ResponseBuilder.json(serialized: remembered) }
        let computed = try await answer()
        memo.remember(computed, for: key)
        return ResponseBuilder.json(serialized: computed)
    }

    /// An engine error becomes the gateway's own error with the engine's message and parameter;
    /// when emulating GPUStack it is relayed unchanged, as GPUStack's gateway relays it.
    func requireSuccess(_ response: WorkerResponse) throws(GatewayError) {
        guard !response.isSuccess else { return }
        let body: JSON
        switch response.body {
        case .json(let json): body = json
        case .bytes(let bytes): body = (try? JSONParser().parse(bytes)) ?? .string(String(decoding: bytes, as: UTF8.self))
        case .events, .byteStream: body = ["message": "The upstream answered with an error stream."]
        }
        if emulatesGPUStack {
            throw GatewayError(response.status, .upstream(body: body), EngineError.describe(body)?.message ?? "upstream error")
        }
        let described = EngineError.describe(body)
        let kind: GatewayError.Kind = response.status == .notFound && described?.param == "model" ? .modelNotFound : .invalidRequest
        throw GatewayError(
            response.status, kind, described?.message ?? "The upstream refused the request.", param: described?.param,
            retryAfterSeconds: response.headers[.retryAfter].flatMap { Int($0) })
    }
}
