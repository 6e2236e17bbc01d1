import ConformContract
import ConformJSON
import HTTPWire

/// Reading the echo upstream's ``ProxyEchoReport`` for the proxy checks, which compare what the
/// upstream received with what the client sent.
enum ProxyEcho {
    /// Judges `response` with `decide`, or fails when it is not an echo report.
    static func judge(_ response: ObservedResponse, _ decide: (ProxyEchoReport) -> CheckResult) -> CheckResult {
        guard let json = response.json else {
            return .fail("the body is not the echo upstream's JSON report of what it received: \(response.bodyPreview)")
        }
        do {
            return decide(try JSONValueDecoder().decode(ProxyEchoReport.self, from: json))
        } catch {
            return .fail("the body is not the echo upstream's report of method, path, query, headers and body (\(error)): \(response.bodyPreview)")
        }
    }

    /// The proxy checks need the echo upstream behind one of the two proxy forms.
    static func misuse(in fixture: Fixture) -> String? {
        fixture.endpoint == .proxyPath || fixture.endpoint == .proxyHeader
            ? nil : "applies only to proxy-path and proxy-header cases"
    }

    /// The path the upstream should see: the request path without `/model/proxy` and, for the
    /// path form, without the route id after it.
    static func upstreamPath(of request: PreparedRequest, form: ContractRow) -> String {
        var rest = request.pathWithoutQuery.dropFirst("/model/proxy".count)
        if form == .proxyPath {
            rest = rest.dropFirst()
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? ""
        }
        return rest.isEmpty ? "/" : String(rest)
    }
}
