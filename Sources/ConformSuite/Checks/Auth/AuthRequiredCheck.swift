import ConformContract
import ConformJSON

/// `auth.required`: a request without a valid API key is refused with 401.
public struct AuthRequiredCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "auth.required", level: .must,
        summary: "A request without a valid API key is refused with 401 Unauthorized.",
        source:
            "GPUStack docs, every inference API example: -H \"Authorization: Bearer $GPUSTACK_API_KEY\" (the key is what grants access)."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? {
        fixture.request.credentials.mustBeRefused ? nil : "needs auth none, wrong-key or wrong-x-api-key"
    }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        guard response.status != 401 else { return .pass }
        let presented: String
        switch context.request.credentials {
        case .none: presented = "without any API key"
        case .wrongXAPIKey: presented = "with an unknown key in X-API-Key"
        default: presented = "with an unknown Bearer key"
        }
        let outcome =
            (200..<300).contains(response.status) ? "was served (\(response.status))" : "was answered \(response.status)"
        return .fail(
            "the request \(presented) \(outcome); expected 401: \(response.bodyPreview)", expected: 401,
            actual: .integer(Int64(response.status)))
    }
}
