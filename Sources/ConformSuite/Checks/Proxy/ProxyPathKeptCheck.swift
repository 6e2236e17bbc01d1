import ConformContract
import ConformJSON
import HTTPWire

/// `proxy.path-kept`: the upstream receives the path after `/model/proxy/<route_id>` (path
/// form) or `/model/proxy` (header form).
public struct ProxyPathKeptCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "proxy.path-kept", level: .must,
        summary: "The upstream receives the path that follows /model/proxy/<route_id> (or /model/proxy in the header form).",
        source:
            "GPUStack docs, Other APIs: \"encode the model route id directly in the URL as /model/proxy/<model_route_id>/<upstream-path>\"."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? { ProxyEcho.misuse(in: fixture) }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        ProxyEcho.judge(response) { echo in
            let expected = ProxyEcho.upstreamPath(of: context.request, form: context.fixture.endpoint)
            guard echo.path == expected else {
                return .fail(
                    "the upstream received the path '\(echo.path)', expected '\(expected)'", expected: .string(expected),
                    actual: .string(echo.path))
            }
            return .pass
        }
    }
}
