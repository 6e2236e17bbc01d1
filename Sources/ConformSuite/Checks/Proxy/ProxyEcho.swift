import ConformContract
import ConformJSON

/// What the echo upstream behind the generic proxy reports it received: method, path, query
/// string, headers and body. The proxy checks compare it with what the client sent.
struct ProxyEcho {
    let method: String
    let path: String
    let query: String?
    let headers: [(name: String, value: String)]
    let body: String
    let json: JSON?

    /// Judges `response` with `decide`, or fails when it is not an echo report.
    static func judge(_ response: ObservedResponse, _ decide: (ProxyEcho) -> CheckResult) -> CheckResult {
        guard let json = response.json, let method = json["method"]?.stringValue, let path = json["path"]?.stringValue else {
            return .fail(
                "the body is not the echo upstream's report of method, path, query, headers and body: \(response.bodyPreview)")
        }
        let headers =
            (json["headers"]?.objectValue).map { object in
                object.compactMap { member in member.value.stringValue.map { (name: member.key, value: $0) } }
            } ?? []
        return decide(
            ProxyEcho(
                method: method, path: path, query: json["query"]?.stringValue, headers: headers,
                body: json["body"]?.stringValue ?? "", json: json["json"]))
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
