import ConformJSON
import ConformSchema
import Foundation

/// Turns the `--schema` argument into a compiled schema: an existing file is a schema file (which
/// may `$ref` the project's schemas), anything else a name from the project's `Schemas/`.
enum SchemaSelection {
    static func resolve(_ argument: String, project: ProjectOptions) throws(CommandFailure) -> CompiledSchema {
        var isDirectory: ObjCBool = false
        let isFile = FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) && !isDirectory.boolValue
        if !isFile && argument.hasSuffix(".json") {
            throw CommandFailure(message: "schema file \(argument) does not exist")
        }
        do {
            if isFile {
                // Outside a project the file stands alone; its relative references resolve as files.
                let layout = project.root == nil ? try? project.layout() : try project.layout()
                guard let layout else {
                    let url = URL(filePath: argument).standardizedFileURL
                    return try CompiledSchema(json: readSchemaFile(argument), baseURI: url.absoluteString, name: argument)
                }
                return try SchemaCatalog(directory: layout.schemas).schema(atPath: argument)
            }
            let layout = try project.layout()
            return try SchemaCatalog(directory: layout.schemas).schema(named: argument)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(error)")
        }
    }

    private static func readSchemaFile(_ path: String) throws -> JSON {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(filePath: path))
        } catch {
            throw CommandFailure(message: "cannot read the schema file \(path): \(error.localizedDescription)")
        }
        do {
            return try JSON(parsing: Array(bytes))
        } catch {
            throw CommandFailure(message: "\(path): not valid JSON: \(error.description)")
        }
    }
}
