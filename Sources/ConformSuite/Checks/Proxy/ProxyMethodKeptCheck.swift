import ConformContract
import ConformJSON
import HTTPWire

/// `proxy.method-kept`: the generic proxy forwards the request with its own method.
public struct ProxyMethodKeptCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "proxy.method-kept", level: .must,
        summary: "The upstream receives the request's HTTP method.",
        source: "GPUStack docs, Other APIs: curl .../model/proxy/42/embed -X POST is forwarded to the model's /embed.")

    public init() {}

    public func misuse(in fixture: Fixture) -> String? { ProxyEcho.misuse(in: fixture) }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        ProxyEcho.judge(response) { echo in
            let sent = context.request.method.uppercased()
            guard echo.method.uppercased() == sent else {
                return .fail(
                    "the upstream received \(echo.method), the client sent \(sent)", expected: .string(sent),
                    actual: .string(echo.method))
            }
            return .pass
        }
    }
}
