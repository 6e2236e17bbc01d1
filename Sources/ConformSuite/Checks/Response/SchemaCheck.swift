import ConformContract
import ConformJSON

/// `schema`: the JSON body, or every JSON event of a stream, satisfies the schema the fixture
/// names.
public struct SchemaCheck: Check {
    public let descriptor = CheckDescriptor(
        name: "schema", level: .must,
        summary: "The body (or each stream event's data) satisfies the endpoint's JSON Schema.",
        source:
            "GPUStack docs, OpenAI-Compatible APIs: \"GPUStack serves OpenAI-compatible APIs using the /v1 path\"; the schemas follow the upstream specs."
    )

    public init() {}

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        Evaluator(schema: context.fixture.expectation.schema ?? "", schemas: context.schemas)
    }

    /// At most this many violations are named in a message.
    static let shownViolations = 3

    static func describe(_ findings: [JSONMismatch], schema: String) -> String {
        let shown = findings.prefix(shownViolations).map(\.description).joined(separator: "; ")
        let more = findings.count > shownViolations ? " (and \(findings.count - shownViolations) more)" : ""
        return "violates \(schema): \(shown)\(more)"
    }

    struct Evaluator: CheckEvaluator {
        let schema: String
        let schemas: any SchemaLibrary
        var firstFailure: String?
        var failingEvents = 0

        init(schema: String, schemas: any SchemaLibrary) {
            self.schema = schema
            self.schemas = schemas
        }

        mutating func observe(_ event: StreamEvent) {
            if event.data == "[DONE]" { return }
            let problem: String?
            if let json = event.json {
                let findings = schemas.violations(of: json, againstSchemaNamed: schema)
                problem =
                    findings.isEmpty
                    ? nil : "event \(event.index)\(Self.typeLabel(json)) " + SchemaCheck.describe(findings, schema: schema)
            } else {
                problem = "event \(event.index) data is not JSON: '\(event.dataPreview)'"
            }
            guard let problem else { return }
            failingEvents += 1
            if firstFailure == nil { firstFailure = problem }
        }

        mutating func conclude(_ response: ObservedResponse) -> CheckResult {
            if let stream = response.stream {
                if stream.events.isEmpty { return .skip("no stream events to validate") }
                guard let firstFailure else { return .pass }
                let others = failingEvents > 1 ? " (\(failingEvents - 1) more events fail too)" : ""
                return .fail(firstFailure + others)
            }
            guard let json = response.json else {
                if let error = response.jsonError { return .fail("the body is not JSON (\(error)): \(response.bodyPreview)") }
                return .fail("the body is empty; expected JSON satisfying \(schema)")
            }
            let findings = schemas.violations(of: json, againstSchemaNamed: schema)
            return findings.isEmpty ? .pass : .fail("the body " + SchemaCheck.describe(findings, schema: schema))
        }

        private static func typeLabel(_ json: JSON) -> String {
            json["type"]?.stringValue.map { " (\($0))" } ?? ""
        }
    }
}
