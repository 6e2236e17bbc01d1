import ConformJSON
import HTTPTypes

/// A request the gateway refuses, as a value: the status, what kind of refusal it is (which
/// decides the envelope's `type` and `code`, and which emulated shape applies), the message and
/// the offending parameter. Rendering into a body is ``ErrorEnvelope``'s job.
public struct GatewayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of refusal the contract distinguishes.
    public enum Kind: Sendable, Hashable {
        /// No key, or a key that is not accepted.
        case authentication
        /// The body is malformed or a field is invalid.
        case invalidRequest
        /// The request names no model.
        case missingModel
        /// The request names a model that is not served.
        case modelNotFound
        /// No route for the path, or a generic-proxy miss.
        case routeNotFound
        case methodNotAllowed
        case bodyTooLarge
        /// The model's upstream could not be reached.
        case upstreamUnavailable
        case upstreamTimeout
        /// The upstream answered with an error of its own, relayed as is when emulating GPUStack.
        case upstream(body: JSON)
        /// A failure of the mock itself; never the result of bad input.
        case internalFailure
        /// A fault injected on purpose (a stub, the `X-Conform-Fault` header, the config).
        case injected
    }

    public var status: HTTPResponse.Status
    public var kind: Kind
    public var message: String
    public var param: String?
    /// For a refusal that passes (a busy server): the seconds after which a retry is worth trying,
    /// sent as `Retry-After`.
    public var retryAfterSeconds: Int?

    public init(_ status: HTTPResponse.Status, _ kind: Kind, _ message: String, param: String? = nil, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.kind = kind
        self.message = message
        self.param = param
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "\(status.code) \(message)" }

    static func missingKey() -> GatewayError {
        GatewayError(
            .unauthorized, .authentication,
            "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the X-API-Key header.")
    }

    static func wrongKey(_ key: String) -> GatewayError {
        GatewayError(.unauthorized, .authentication, "Incorrect API key provided: \(redacted(key)).")
    }

    static func missingModel() -> GatewayError {
        GatewayError(.badRequest, .missingModel, "you must provide a model parameter", param: "model")
    }

    static func modelNotFound(_ name: String) -> GatewayError {
        GatewayError(.notFound, .modelNotFound, "The model `\(name)` does not exist or you do not have access to it.", param: "model")
    }

    static func routeNotFound(_ method: HTTPRequest.Method, _ path: String) -> GatewayError {
        GatewayError(.notFound, .routeNotFound, "Invalid URL (\(method.rawValue) \(path))")
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, _ path: String) -> GatewayError {
        GatewayError(.methodNotAllowed, .methodNotAllowed, "Method \(method.rawValue) is not allowed on \(path).")
    }

    static func invalidJSON(_ reason: String) -> GatewayError {
        GatewayError(
            .badRequest, .invalidRequest,
            "We could not parse the JSON body of your request: \(reason). The API expects a JSON object.")
    }

    static func bodyTooLarge(limit: Int) -> GatewayError {
        GatewayError(.contentTooLarge, .bodyTooLarge, "The request body exceeds the limit of \(limit) bytes.")
    }

    /// A key shown the way OpenAI shows it in errors: the first and last few characters only.
    static func redacted(_ key: String) -> String {
        guard key.count > 8 else { return String(repeating: "*", count: key.count) }
        return "\(key.prefix(3))\(String(repeating: "*", count: min(key.count - 7, 20)))\(key.suffix(4))"
    }
}
