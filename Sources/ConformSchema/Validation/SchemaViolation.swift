import ConformJSON

/// One way an instance fails a schema: where in the instance, which keyword of which schema, and
/// a message that names the offending value.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// Where the offending value is in the validated document.
    public var instancePointer: JSONPointer
    /// The schema and the JSON pointer of the failing keyword in it, e.g.
    /// `jina/rerank-response#/properties/results/items/required`.
    public var schemaLocation: String
    /// The failing keyword, e.g. `required`; `false` when a subschema is the boolean `false`.
    public var keyword: String
    /// What is wrong, naming the offending value, e.g. `required property "index" is missing`.
    public var message: String
    /// The grade the schema gives this violation (``ViolationLevelKeyword``), from the innermost
    /// graded subschema on the way to it; nil when none is graded.
    public var level: String?

    public init(instancePointer: JSONPointer, schemaLocation: String, keyword: String, message: String, level: String? = nil) {
        self.instancePointer = instancePointer
        self.schemaLocation = schemaLocation
        self.keyword = keyword
        self.message = message
        self.level = level
    }

    /// The pointer and the message on one line, e.g. `/results/0: required property "index" is missing`.
    public var description: String {
        "\(instancePointer.isRoot ? "(root)" : instancePointer.description): \(message)"
    }
}
