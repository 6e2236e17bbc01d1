import ConformJSON
import ConformSchema

/// A JSON Schema the request itself carried (a tool's parameters, a structured-output format),
/// compiled so a check can judge what the answer made of it. A schema that does not compile (a
/// remote reference, an unknown dialect) cannot judge anything, and says so.
struct SentSchema {
    /// Where the request carries the schema, e.g. `/tools/0/function/parameters`.
    let pointer: String
    private let compiled: Result<CompiledSchema, SchemaLoadError>

    init(_ schema: JSON, at pointer: String) {
        self.pointer = pointer
        // A tool without parameters takes an object of anything, as the OpenAI API documents.
        let schema = schema.isNull ? ["type": "object"] : schema
        do throws(SchemaLoadError) {
            compiled = .success(try CompiledSchema(json: schema, name: "request\(pointer)"))
        } catch {
            compiled = .failure(error)
        }
    }

    /// Why `instance` does not satisfy the schema, naming at most three violations; nil when it
    /// does, or when the schema could not be compiled (see ``unusable``).
    func problems(with instance: JSON) -> String? {
        guard case .success(let schema) = compiled else { return nil }
        let violations = schema.validate(instance)
        guard !violations.isEmpty else { return nil }
        let shown = violations.prefix(3).map(\.description).joined(separator: "; ")
        return "does not satisfy the schema at \(pointer): " + shown + (violations.count > 3 ? " (+\(violations.count - 3) more)" : "")
    }

    /// Why the schema cannot judge, when it could not be compiled.
    var unusable: String? {
        guard case .failure(let error) = compiled else { return nil }
        return "the schema at \(pointer) could not be compiled: \(error)"
    }
}
