import ConformJSON
import ConformSchema
import Testing

/// One case of an examples file: an instance the schema must accept, or one it must reject with a
/// violation of a given keyword at a given instance pointer.
struct SchemaExample: Sendable, CustomTestStringConvertible {
    enum Expectation: Sendable, Equatable {
        case valid
        case invalid(pointer: JSONPointer, keyword: String)
    }

    /// The catalog name of the schema, e.g. `jina/rerank-response`.
    var schema: String
    /// Where the case is written, e.g. `jina/rerank-response.json#/invalid/2`, for failure messages.
    var location: String
    var summary: String
    var instance: JSON
    var expectation: Expectation

    var testDescription: String { "\(location): \(summary)" }

    /// Why the violations a validator reported disagree with this case; nil when they agree.
    func mismatch(with violations: [SchemaViolation]) -> String? {
        switch expectation {
        case .valid:
            guard !violations.isEmpty else { return nil }
            return "expected \(schema) to accept the instance, but it reports:\n" + Self.list(violations)
        case .invalid(let pointer, let keyword):
            if violations.contains(where: { $0.instancePointer == pointer && $0.keyword == keyword }) { return nil }
            let place = pointer.isRoot ? "(root)" : pointer.description
            guard !violations.isEmpty else {
                return "expected \(schema) to reject the instance with \(keyword) at \(place), but it accepts it"
            }
            return "expected a \(keyword) violation at \(place), but \(schema) reports:\n" + Self.list(violations)
        }
    }

    private static func list(_ violations: [SchemaViolation]) -> String {
        violations.map { "  \($0.keyword) at \($0) [\($0.schemaLocation)]" }.joined(separator: "\n")
    }
}
