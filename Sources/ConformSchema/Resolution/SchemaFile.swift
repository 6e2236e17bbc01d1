import ConformJSON
import Foundation

/// Reads and parses a schema document from disk, with errors that name the file.
enum SchemaFile {
    static func read(_ file: URL, shownAs path: String) throws(SchemaLoadError) -> JSON {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: file)
        } catch {
            throw SchemaLoadError(kind: .unreadable, file: path, reason: "cannot read the file (\(error.localizedDescription))")
        }
        do {
            return try JSON(parsing: Array(bytes))
        } catch {
            throw SchemaLoadError(kind: .malformedJSON, file: path, reason: "not valid JSON: \(error.description)")
        }
    }
}
