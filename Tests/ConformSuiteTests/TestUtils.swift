import ConformContract
import ConformJSON
import ConformReport
import ConformSchema
import ConformSuite
import Foundation
import JSONMatching

/// A schema library with no schemas, for checks that never consult one.
struct NoSchemas: SchemaLibrary {
    func hasSchema(named name: String) -> Bool { false }
    func violations(of instance: JSON, againstSchemaNamed name: String) -> [JSONMismatch] { [] }
}

/// A fixture built in code, for exercising one check.
func makeFixture(
    endpoint: ContractRow = .chat, level: RequirementLevel = .must, method: String = "POST", path: String = "/v1/test",
    credentials: CredentialPresentation = .bearer, body: FixtureBody? = nil, expectation: Expectation = Expectation(status: [200])
) -> Fixture {
    Fixture(
        id: "test.case", api: endpoint.api, endpoint: endpoint, summary: "a test case", level: level, source: "tests",
        file: "\(endpoint.api.rawValue)/\(endpoint.rawValue)/case.json",
        request: FixtureRequest(method: method, path: path, credentials: credentials, body: body), expectation: expectation)
}

/// The context a check sees for `fixture`, prepared with the documented role names.
func makeContext(
    _ fixture: Fixture, golden: Golden? = nil, schemas: any SchemaLibrary = NoSchemas(), apiKey: String? = "sk-test-key"
) -> CheckContext {
    guard case .ready(let prepared) = CasePreparation.prepare(fixture, mapping: .documentedDefaults, apiKey: apiKey) else {
        fatalError("test fixture could not be prepared")
    }
    return CheckContext(prepared: prepared, golden: golden, schemas: schemas, apiKey: apiKey)
}

func jsonResponse(_ json: JSON, status: Int = 200, contentType: String = "application/json") -> ObservedResponse {
    ObservedResponse(status: status, headers: [HeaderLine(name: "Content-Type", value: contentType)], body: json.serialized())
}

func bytesResponse(_ bytes: [UInt8], status: Int = 200, contentType: String) -> ObservedResponse {
    ObservedResponse(status: status, headers: [HeaderLine(name: "Content-Type", value: contentType)], body: bytes)
}

/// A streamed answer made of `(event name, data)` pairs.
func streamResponse(_ events: [(String?, String)], interruption: StreamInterruption? = nil) -> ObservedResponse {
    let streamEvents = events.enumerated().map { StreamEvent(index: $0.offset, name: $0.element.0, data: $0.element.1) }
    let body = events.map { event in (event.0.map { "event: \($0)\n" } ?? "") + "data: \(event.1)\n\n" }.joined()
    return ObservedResponse(
        status: 200, headers: [HeaderLine(name: "Content-Type", value: "text/event-stream")], body: Array(body.utf8),
        stream: ObservedStream(events: streamEvents, interruption: interruption))
}

/// Runs `check` on one exchange the way the runner does: events first, then the verdict.
func judge(_ check: any Check, _ context: CheckContext, _ response: ObservedResponse) -> CheckResult {
    var evaluator = check.makeEvaluator(for: context)
    for event in response.stream?.events ?? [] { evaluator.observe(event) }
    return evaluator.conclude(response)
}

/// A schema library that knows schema names but accepts every instance, for loader tests that
/// are about names, not shapes; the fixture format itself is checked by its real schema.
struct NamedSchemas: SchemaLibrary {
    let names: Set<String>
    static let catalog = Result { try SchemaCatalog(directory: repositoryRoot.appending(path: "Schemas")) }

    func hasSchema(named name: String) -> Bool { names.contains(name) || name == FixtureLoader.fixtureSchemaName }

    func violations(of instance: JSON, againstSchemaNamed name: String) -> [JSONMismatch] {
        guard name == FixtureLoader.fixtureSchemaName else { return [] }
        switch Self.catalog {
        case .success(let catalog): return catalog.violations(of: instance, againstSchemaNamed: name)
        case .failure(let error): return [JSONMismatch(pointer: .root, message: "\(error)")]
        }
    }
}
