import ConformContract
import ConformJSON
import HTTPWire

/// `proxy.query-kept`: the generic proxy forwards the query string unchanged.
public struct ProxyQueryKeptCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "proxy.query-kept", level: .must,
        summary: "The upstream receives the request's query string unchanged.",
        source:
            "GPUStack docs, Other APIs: the generic proxy forwards API requests to the target model at /model/proxy/<model_route_id>/<upstream-path>."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? {
        if let problem = ProxyEcho.misuse(in: fixture) { return problem }
        return fixture.request.path.contains("?") ? nil : "needs a request path with a query string"
    }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        ProxyEcho.judge(response) { echo in
            let sent = context.request.query ?? ""
            guard let received = echo.query, !received.isEmpty else {
                return .fail(
                    "the upstream received no query string; the client sent '\(sent)'", expected: .string(sent), actual: .null)
            }
            if received == sent || Self.pairs(received) == Self.pairs(sent) { return .pass }
            return .fail(
                "the upstream received the query '\(received)', the client sent '\(sent)'", expected: .string(sent),
                actual: .string(received))
        }
    }

    /// The query's name=value pairs in order, percent-decoded, so equivalent encodings compare equal.
    static func pairs(_ query: String) -> [String] {
        query.split(separator: "&").map { pair in
            let text = String(pair).replacingPlus()
            return PercentEncoding.decode(text) ?? text
        }
    }
}

extension String {
    fileprivate func replacingPlus() -> String {
        String(map { $0 == "+" ? " " : $0 })
    }

}
