import ConformContract
import ConformJSON
import HTTPWire

/// `proxy.body-kept`: the generic proxy forwards the request body unchanged.
public struct ProxyBodyKeptCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "proxy.body-kept", level: .must,
        summary: "The upstream receives the request body unchanged.",
        source: "GPUStack docs, Other APIs: -d '{\"inputs\": [...]}' sent to /model/proxy/42/embed reaches the model's /embed.")

    public init() {}

    public func misuse(in fixture: Fixture) -> String? {
        if case .multipart = fixture.request.body { return "compares JSON and text bodies, not multipart forms" }
        return ProxyEcho.misuse(in: fixture)
    }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        ProxyEcho.judge(response) { echo in
            switch context.request.body {
            case .json(let sent):
                guard let received = echo.json ?? (try? JSONParser().parse(echo.body)) else {
                    return .fail("the upstream received a body that is not JSON: '\(echo.body.prefix(120))'", expected: sent)
                }
                let differences = JSONDiff.differences(expected: sent, actual: received)
                guard let first = differences.first else { return .pass }
                return .fail("the upstream received a different JSON body: \(first)", expected: sent, actual: received)
            case .text(let sent):
                return echo.body == sent
                    ? .pass
                    : .fail(
                        "the upstream received '\(echo.body.prefix(120))', the client sent '\(sent.prefix(120))'",
                        expected: .string(sent))
            case nil:
                return echo.body.isEmpty
                    ? .pass : .fail("the upstream received a body the client did not send: '\(echo.body.prefix(120))'")
            case .multipart:
                return .skip("multipart bodies are not compared")
            }
        }
    }
}
