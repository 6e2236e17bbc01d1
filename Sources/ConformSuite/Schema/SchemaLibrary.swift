import ConformJSON
import JSONMatching

/// The schemas the `schema` check and the fixture loader validate against, by catalog name
/// (`jina/rerank-response`).
public protocol SchemaLibrary: Sendable {
    func hasSchema(named name: String) -> Bool

    /// Every way `instance` fails the schema called `name`; empty when it is valid.
    func violations(of instance: JSON, againstSchemaNamed name: String) -> [JSONMismatch]
}
