import ConformContract
import ConformJSON

/// `error.anthropic-envelope`: a /v1/messages error body is
/// `{"type": "error", "error": {"type", "message"}}` with the error type of its status.
public struct AnthropicErrorEnvelopeCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "error.anthropic-envelope", level: .should,
        summary:
            "The error body is {\"type\": \"error\", \"error\": {\"type\", \"message\"}} with the error type Anthropic gives the status.",
        source:
            "Anthropic API, Errors: \"Our API follows a predictable HTTP error code format\" with a JSON object of type \"error\" and an error {type, message}."
    )

    public init() {}

    /// The error type Anthropic documents for each status.
    static let typeForStatus: [Int: String] = [
        400: "invalid_request_error", 401: "authentication_error", 403: "permission_error", 404: "not_found_error",
        413: "request_too_large", 429: "rate_limit_error", 500: "api_error", 529: "overloaded_error",
    ]

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        guard let json = response.json else { return .fail("the error body is not JSON: \(response.bodyPreview)") }
        guard json["type"] == .string("error") else {
            return .fail(
                "the error body's type is \(json["type"].map { JSONDiff.preview($0) } ?? "missing"), not \"error\": \(JSONDiff.preview(json))",
                actual: json)
        }
        guard let error = json["error"], let type = error["type"]?.stringValue, error["message"]?.stringValue != nil else {
            return .fail(
                "the error body has no \"error\" object with type and message strings: \(JSONDiff.preview(json))", actual: json)
        }
        if let expected = Self.typeForStatus[response.status], expected != type {
            return .fail(
                "status \(response.status) carries error type '\(type)'; Anthropic uses '\(expected)'",
                expected: .string(expected), actual: .string(type))
        }
        return .pass
    }
}
