import ConformJSON
import HTTPTypes

/// Renders a ``GatewayError`` as a response body: the OpenAI envelope (all four keys) on `/v1`
/// and the generic proxy, the Anthropic envelope on `/v1/messages`, or under GPUStack emulation
/// the shapes GPUStack 2.x returns for each kind of refusal.
struct ErrorEnvelope: Sendable {
    /// Which API's conventions a path follows.
    enum Family: Sendable {
        case openAI
        case anthropic

        init(path: String) {
            self = path == "/v1/messages" || path.hasPrefix("/v1/messages/") ? .anthropic : .openAI
        }
    }

    let emulation: Emulation

    /// The body for a request the HTTP layer could not parse, before any path or route is known:
    /// the OpenAI envelope, which every family's clients read as an error.
    static func malformedHTTP(_ message: String) -> JSON {
        ["error": ["message": .string(message), "type": "invalid_request_error", "param": .null, "code": "invalid_http"]]
    }

    func body(for error: GatewayError, family: Family) -> JSON {
        if emulation == .gpustack { return gpustackBody(for: error, family: family) }
        if family == .anthropic {
            return ["type": "error", "error": ["type": .string(Self.anthropicType(error.status)), "message": .string(error.message)]]
        }
        return [
            "error": [
                "message": .string(error.message), "type": .string(Self.openAIType(error.status)),
                "param": error.param.map(JSON.string) ?? .null, "code": Self.openAICode(error).map(JSON.string) ?? .null,
            ]
        ]
    }

    /// GPUStack 2.x (notes in README, "Emulation"): native `{code, reason, message}` for auth,
    /// OpenAI-ish `{error: {message, code, type}}` with an integer code and no `param` for model
    /// errors, FastAPI's `{"detail": ...}` for unmatched routes, upstream errors relayed unchanged.
    private func gpustackBody(for error: GatewayError, family: Family) -> JSON {
        switch error.kind {
        case .authentication:
            return ["code": 401, "reason": "Unauthorized", "message": "Invalid authentication credentials"]
        case .routeNotFound:
            return ["detail": "Not Found"]
        case .methodNotAllowed:
            return ["detail": "Method Not Allowed"]
        case .modelNotFound where family == .anthropic, .missingModel where family == .anthropic:
            return ["detail": "Not Found"]
        case .modelNotFound:
            return ["error": ["message": "Model not found", "code": 404, "type": "NotFound"]]
        case .missingModel:
            return ["error": ["message": "Missing 'model' field", "code": 400, "type": "BadRequest"]]
        case .upstream(let body):
            return body
        case .bodyTooLarge:
            return ["code": 413, "reason": "Request Entity Too Large", "message": .string(error.message)]
        case .upstreamUnavailable:
            return ["error": ["message": .string(error.message), "code": 503, "type": "ServiceUnavailable"]]
        case .upstreamTimeout:
            return ["error": ["message": .string(error.message), "code": 504, "type": "GatewayTimeout"]]
        case .invalidRequest:
            return ["error": ["message": .string(error.message), "code": 400, "type": "BadRequest"]]
        case .injected:
            return ["error": ["message": .string(error.message), "code": .integer(Int64(error.status.code)), "type": .string(error.status.reasonPhrase.replacing(" ", with: ""))]]
        case .internalFailure:
            return ["error": ["message": "Internal server error.", "code": 500, "type": "InternalServerError"]]
        }
    }

    static func openAIType(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 401: "invalid_request_error"
        case 429: "rate_limit_exceeded"
        case 500...: "server_error"
        default: "invalid_request_error"
        }
    }

    static func openAICode(_ error: GatewayError) -> String? {
        switch error.kind {
        case .authentication: "invalid_api_key"
        case .modelNotFound: "model_not_found"
        case .routeNotFound: "unknown_url"
        case .methodNotAllowed: "method_not_allowed"
        case .bodyTooLarge: "request_too_large"
        case .upstreamUnavailable: "service_unavailable"
        case .upstreamTimeout: "timeout"
        case .invalidRequest, .missingModel, .upstream, .internalFailure, .injected: nil
        }
    }

    static func anthropicType(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 401: "authentication_error"
        case 403: "permission_error"
        case 404: "not_found_error"
        case 413: "request_too_large"
        case 429: "rate_limit_error"
        case 504: "timeout_error"
        case 529: "overloaded_error"
        case 500...: "api_error"
        default: "invalid_request_error"
        }
    }
}
