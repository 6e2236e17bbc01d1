import ConformContract
import ConformJSON
import HTTPWire

/// `proxy.headers-kept`: the generic proxy forwards the client's own request headers to the
/// upstream with their values: every header the case sets, except the credentials, `Host`,
/// `Content-Length`, the hop-by-hop headers and `X-GPUStack-Model`, which a gateway may rewrite.
public struct ProxyHeadersKeptCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "proxy.headers-kept", level: .must,
        summary: "The upstream receives the client's own request headers with their values.",
        source:
            "GPUStack 2.x worker proxy (routes/worker/proxy.py): forwards all request headers except host and transfer-encoding; an engine behind the generic proxy reads its own headers."
    )

    /// Headers a gateway may rewrite or drop on the way.
    static let exempt: Set<String> = [
        "authorization", "x-api-key", "host", "content-length", "connection", "keep-alive", "transfer-encoding", "te", "trailer",
        "upgrade", "proxy-authorization", "x-gpustack-model", "accept", "expect", "user-agent",
    ]

    public init() {}

    public func misuse(in fixture: Fixture) -> String? {
        if let problem = ProxyEcho.misuse(in: fixture) { return problem }
        return fixture.request.headers.contains { !Self.exempt.contains($0.name.lowercased()) }
            ? nil : "needs request headers of the case's own to compare"
    }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        ProxyEcho.judge(response) { echo in
            for header in context.request.headers where !Self.exempt.contains(header.name.lowercased()) {
                guard let received = echo.header(header.name) else {
                    return .fail("the upstream did not receive the client's \(header.name) header", expected: .string(header.value))
                }
                guard received == header.value else {
                    return .fail(
                        "the upstream received \(header.name): '\(received)', the client sent '\(header.value)'",
                        expected: .string(header.value), actual: .string(received))
                }
            }
            return .pass
        }
    }
}
