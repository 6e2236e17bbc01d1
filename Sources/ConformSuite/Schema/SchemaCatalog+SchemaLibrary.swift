import ConformContract
import ConformJSON
import ConformSchema
import JSONMatching

/// The schema catalog of `Schemas/` is the library the suite validates against.
extension SchemaCatalog: SchemaLibrary {
    public func hasSchema(named name: String) -> Bool {
        names.contains(name)
    }

    public func violations(of instance: JSON, againstSchemaNamed name: String) -> [JSONMismatch] {
        do {
            return try schema(named: name).validate(instance).map {
                JSONMismatch(pointer: $0.instancePointer, message: $0.message, level: $0.level == "should" ? .should : .must)
            }
        } catch {
            return [JSONMismatch(pointer: .root, message: error.description)]
        }
    }
}
