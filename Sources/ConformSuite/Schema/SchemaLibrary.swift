import ConformJSON

/// The schemas the `schema` check and the fixture loader validate against, by catalog name
/// (`jina/rerank-response`).
public protocol SchemaLibrary: Sendable {
    func hasSchema(named name: String) -> Bool

    /// Every way `instance` fails the schema called `name`; empty when it is valid.
    func violations(of instance: JSON, againstSchemaNamed name: String) -> [SchemaFinding]
}

/// One way an instance fails a schema: where in the instance and what is wrong.
public struct SchemaFinding: Sendable, Hashable, CustomStringConvertible {
    public var pointer: JSONPointer
    public var message: String

    public init(pointer: JSONPointer, message: String) {
        self.pointer = pointer
        self.message = message
    }

    public var description: String {
        "\(pointer.isRoot ? "(root)" : pointer.description): \(message)"
    }
}
