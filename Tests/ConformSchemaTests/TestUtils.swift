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

/// A directory of files for one test, removed when the test is done with it.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "conform-schema-\(UUID().uuidString)", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> URL {
        let file = url.appending(path: relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }
}

/// The checkout this test file belongs to.
let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
