import ConformContract
import ConformJSON
import HTTPWire

/// `proxy.client-key-stripped`: the client's GPUStack API key never reaches the upstream.
public struct ProxyClientKeyStrippedCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "proxy.client-key-stripped", level: .should,
        summary: "No header the upstream receives carries the client's API key.",
        source:
            "GPUStack gateway behaviour: the client's Authorization and X-API-Key are removed or replaced before forwarding; the docs do not state it."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? {
        if let problem = ProxyEcho.misuse(in: fixture) { return problem }
        return fixture.request.credentials.needsKey ? nil : "needs a request that presents the API key (auth bearer or x-api-key)"
    }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        guard let key = context.apiKey, !key.isEmpty else { return .skip("no API key was presented") }
        return ProxyEcho.judge(response) { echo in
            let leaked = echo.headers.filter { $0.value.contains(key) }.map(\.name)
            guard leaked.isEmpty else {
                return .fail("the upstream received the client's API key in \(leaked.map { "'\($0)'" }.joined(separator: ", "))")
            }
            return .pass
        }
    }
}
