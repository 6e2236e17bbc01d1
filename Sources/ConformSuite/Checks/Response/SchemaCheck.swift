import ConformContract
import ConformJSON
import JSONMatching

/// `schema` and `schema.letter`: the JSON body, or every JSON event of a stream, satisfies the
/// schema the fixture names. The schemas grade their rules: `schema` judges the ones clients
/// depend on (must), `schema.letter` the letter of the specification beyond them (should), such as
/// required-but-nullable keys that the SDKs read as null when absent, the error envelope's members
/// beyond its message, and id formats (`x-conform-level` and `x-conform-presence` in `Schemas/`).
public struct SchemaCheck: Check {
    public let descriptor: CheckDescriptor
    /// Which graded rules this check judges.
    let grade: RequirementLevel

    /// The rules clients depend on.
    public static let clientRules = SchemaCheck(
        grade: .must,
        descriptor: CheckDescriptor(
            name: "schema", level: .must,
            summary: "The body (or each stream event's data) satisfies the rules of the endpoint's JSON Schema that clients depend on.",
            source:
                "GPUStack docs, OpenAI-Compatible APIs: \"GPUStack serves OpenAI-compatible APIs using the /v1 path\"; the schemas follow the upstream specs, and the official SDKs read these members."
        ))

    /// The letter of the specification beyond what clients depend on.
    public static let letter = SchemaCheck(
        grade: .should,
        descriptor: CheckDescriptor(
            name: "schema.letter", level: .should,
            summary: "The body (or each event) satisfies the schema's should-graded rules: required-but-nullable keys present, error members, id formats.",
            source: "The upstream OpenAPI specifications list these members as required; the official SDKs read an absent one as null."
        ))

    init(grade: RequirementLevel, descriptor: CheckDescriptor) {
        self.grade = grade
        self.descriptor = descriptor
    }

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        Evaluator(schema: context.fixture.expectation.schema ?? "", schemas: context.schemas, grade: grade)
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
        let grade: RequirementLevel
        var firstFailure: String?
        var failingEvents = 0

        init(schema: String, schemas: any SchemaLibrary, grade: RequirementLevel) {
            self.schema = schema
            self.schemas = schemas
            self.grade = grade
        }

        /// The violations of `json` this check judges.
        func findings(_ json: JSON) -> [JSONMismatch] {
            schemas.violations(of: json, againstSchemaNamed: schema).filter { $0.level == grade }
        }

        mutating func observe(_ event: StreamEvent) {
            if event.data == "[DONE]" { return }
            let problem: String?
            if let json = event.json {
                let found = findings(json)
                problem = found.isEmpty ? nil : "event \(event.index)\(Self.typeLabel(json)) " + SchemaCheck.describe(found, schema: schema)
            } else {
                // Data that is not JSON breaks every client; it is the client rules' to judge.
                problem = grade == .must ? "event \(event.index) data is not JSON: '\(event.dataPreview)'" : nil
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
                guard grade == .must else { return .skip("the body is not JSON; the schema check judges that") }
                if let error = response.jsonError { return .fail("the body is not JSON (\(error)): \(response.bodyPreview)") }
                return .fail("the body is empty; expected JSON satisfying \(schema)")
            }
            let found = findings(json)
            return found.isEmpty ? .pass : .fail("the body " + SchemaCheck.describe(found, schema: schema))
        }

        private static func typeLabel(_ json: JSON) -> String {
            json["type"]?.stringValue.map { " (\($0))" } ?? ""
        }
    }
}
