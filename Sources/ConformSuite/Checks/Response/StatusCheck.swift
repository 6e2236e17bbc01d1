import ConformContract
import ConformJSON

/// `status`: the answer's status code is one the fixture expects.
public struct StatusCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "status", level: .must,
        summary: "The status code is the one the case expects.",
        source:
            "GPUStack docs, Inference APIs: \"The following API endpoints are supported\" (each answers its documented request with success)."
    )

    public init() {}

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        let expected = context.fixture.expectation.status ?? []
        guard !expected.contains(response.status) else { return .pass }
        let wanted = expected.map(String.init).joined(separator: " or ")
        var message = "expected status \(wanted), got \(response.status) with \(response.bodyPreview)"
        if response.status == 401 || response.status == 403, context.request.credentials.needsKey {
            message += "; the server refused the API key"
        }
        return .fail(message, expected: .array(expected.map { .integer(Int64($0)) }), actual: .integer(Int64(response.status)))
    }
}
