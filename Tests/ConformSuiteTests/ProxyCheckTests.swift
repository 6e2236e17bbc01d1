import ConformContract
import ConformJSON
import ConformReport
import ConformSuite
import Testing

@Suite struct ProxyCheckTests {
    let key = "gpustack_1234567890abcdef_secretsecretsecretsecretsecret12"

    func context(
        _ form: ContractRow = .proxyPath, method: String = "POST",
        path: String = "/model/proxy/${route.echo}/echo/items?alpha=1&beta=two%20words",
        body: FixtureBody? = .json(["inputs": ["a"]])
    ) -> CheckContext {
        let mapping = RoleMapping(models: [.echo: "proxy-echo"], routes: [.echo: "43"])
        let fixture = makeFixture(endpoint: form, method: method, path: path, body: body)
        guard case .ready(let prepared) = CasePreparation.prepare(fixture, mapping: mapping, apiKey: key) else { fatalError() }
        return CheckContext(prepared: prepared, golden: nil, schemas: NoSchemas(), apiKey: key)
    }

    func echo(
        method: String = "POST", path: String = "/echo/items", query: JSON = "alpha=1&beta=two%20words",
        headers: JSON = ["content-type": "application/json"], body: String = #"{"inputs":["a"]}"#
    ) -> ObservedResponse {
        jsonResponse([
            "method": .string(method), "path": .string(path), "query": query, "headers": headers, "body": .string(body),
        ])
    }

    @Test func aFaithfulProxyPassesEveryProxyCheck() {
        let checks: [any Check] = [
            ProxyQueryKeptCheck(), ProxyClientKeyStrippedCheck(), ProxyMethodKeptCheck(), ProxyPathKeptCheck(),
            ProxyBodyKeptCheck(),
        ]
        for check in checks {
            #expect(judge(check, context(), echo()) == .pass, "\(check.descriptor.name)")
        }
    }

    @Test func aDroppedQueryFails() {
        #expect(
            judge(ProxyQueryKeptCheck(), context(), echo(query: nil)).message
                == "the upstream received no query string; the client sent 'alpha=1&beta=two%20words'")
        #expect(
            judge(ProxyQueryKeptCheck(), context(), echo(query: "alpha=1")).message
                == "the upstream received the query 'alpha=1', the client sent 'alpha=1&beta=two%20words'")
        #expect(judge(ProxyQueryKeptCheck(), context(), echo(query: "alpha=1&beta=two+words")) == .pass)
    }

    @Test func aLeakedKeyFailsWithoutPrintingIt() {
        let verdict = judge(ProxyClientKeyStrippedCheck(), context(), echo(headers: ["authorization": .string("Bearer \(key)")]))
        #expect(verdict.message == "the upstream received the client's API key in 'authorization'")
        #expect(!(verdict.message ?? "").contains(key))
        #expect(
            judge(ProxyClientKeyStrippedCheck(), context(), echo(headers: ["authorization": "Bearer cluster-token"])) == .pass)
    }

    @Test func methodPathAndBodyChangesFail() {
        #expect(
            judge(ProxyMethodKeptCheck(), context(), echo(method: "GET")).message
                == "the upstream received GET, the client sent POST")
        #expect(
            judge(ProxyPathKeptCheck(), context(), echo(path: "/43/echo/items")).message
                == "the upstream received the path '/43/echo/items', expected '/echo/items'")
        #expect(
            judge(ProxyBodyKeptCheck(), context(), echo(body: #"{"inputs":["b"]}"#)).message
                == "the upstream received a different JSON body: /inputs/0: expected \"a\", got \"b\"")
    }

    @Test func theHeaderFormStripsOnlyTheProxyPrefix() {
        let headerForm = context(.proxyHeader, method: "GET", path: "/model/proxy/status?x=1", body: nil)
        #expect(judge(ProxyPathKeptCheck(), headerForm, echo(method: "GET", path: "/status", body: "")) == .pass)
        #expect(judge(ProxyBodyKeptCheck(), headerForm, echo(method: "GET", path: "/status", body: "")) == .pass)
        let bare = context(.proxyPath, method: "GET", path: "/model/proxy/${route.echo}", body: nil)
        #expect(judge(ProxyPathKeptCheck(), bare, echo(method: "GET", path: "/", body: "")) == .pass)
    }

    @Test func anAnswerThatIsNotAnEchoFails() {
        #expect(
            judge(ProxyMethodKeptCheck(), context(), jsonResponse([[0.1, 0.2]])).message?
                .hasPrefix("the body is not the echo upstream's report") == true)
    }
}
