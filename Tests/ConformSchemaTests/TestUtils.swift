import ConformJSON
import Foundation

@testable import ConformSchema

/// Compiles a schema written as JSON text.
func compile(_ schema: String, baseURI: String = "") throws -> CompiledSchema {
    try CompiledSchema(json: try JSON(parsing: schema), baseURI: baseURI)
}

/// Validates JSON text against a compiled schema.
func violations(of instance: String, against schema: CompiledSchema) throws -> [SchemaViolation] {
    try schema.validate(JSON(parsing: instance))
}

/// The error a throwing call raised, when it raised a ``SchemaLoadError``.
func loadError(_ body: () throws -> some Any) -> SchemaLoadError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? SchemaLoadError
    }
}

/// The checkout this test file belongs to.
let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
