import ConformJSON
import ConformSchema

/// The schema catalog of `Schemas/` is the library the suite validates against.
extension SchemaCatalog: SchemaLibrary {
    public func hasSchema(named name: String) -> Bool {
        names.contains(name)
    }

    public func violations(of instance: JSON, againstSchemaNamed name: String) -> [SchemaFinding] {
        do {
            return try schema(named: name).validate(instance).map {
                SchemaFinding(pointer: $0.instancePointer, message: $0.message)
            }
        } catch {
            return [SchemaFinding(pointer: .root, message: error.description)]
        }
    }
}
