import ConformJSON
import Foundation

/// An examples file, `Examples/<api>/<name>.json`: `{"schema": "<api>/<name>", "valid": [{description,
/// instance}], "invalid": [{description, instance, pointer, keyword}]}`. Adding a case is adding data.
struct SchemaExampleFile: Sendable {
    /// The path below `Examples/` without `.json`, which must equal the schema it names.
    var name: String
    var schema: String
    var valid: [SchemaExample]
    var invalid: [SchemaExample]

    /// A malformed examples file: which file, where in it, and what is wrong.
    struct LoadError: Error, CustomStringConvertible {
        var file: String
        var pointer: JSONPointer
        var reason: String

        var description: String { "\(file)#\(pointer): \(reason)" }
    }

    /// Every examples file below `directory`, in name order.
    static func loadAll(from directory: URL) throws -> [SchemaExampleFile] {
        let prefix = directory.standardizedFileURL.path + "/"
        var files: [SchemaExampleFile] = []
        let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            let path = url.standardizedFileURL.path
            guard path.hasSuffix(".json"), path.hasPrefix(prefix) else { continue }
            let name = String(path.dropFirst(prefix.count).dropLast(".json".count))
            files.append(try load(url, name: name))
        }
        return files.sorted { $0.name < $1.name }
    }

    static func load(_ url: URL, name: String) throws -> SchemaExampleFile {
        let file = name + ".json"
        let document: JSON
        do {
            document = try JSONParser().parse(Array(try Data(contentsOf: url)))
        } catch let error as JSONParseError {
            throw LoadError(file: file, pointer: .root, reason: "not JSON: \(error)")
        }
        guard let schema = document["schema"]?.stringValue else {
            throw LoadError(file: file, pointer: .root.appending("schema"), reason: "must be the name of a schema")
        }
        return SchemaExampleFile(
            name: name, schema: schema,
            valid: try cases(in: document, list: "valid", file: file, schema: schema),
            invalid: try cases(in: document, list: "invalid", file: file, schema: schema))
    }

    private static func cases(in document: JSON, list: String, file: String, schema: String) throws -> [SchemaExample] {
        let listPointer = JSONPointer.root.appending(list)
        guard let entries = document[list]?.arrayValue else {
            throw LoadError(file: file, pointer: listPointer, reason: "must be an array of cases")
        }
        return try entries.enumerated().map { index, entry throws in
            let pointer = listPointer.appending(index)
            func field(_ key: String) throws -> JSON {
                guard let value = entry[key] else { throw LoadError(file: file, pointer: pointer, reason: "has no \"\(key)\"") }
                return value
            }
            func text(_ key: String) throws -> String {
                guard let value = try field(key).stringValue else {
                    throw LoadError(file: file, pointer: pointer.appending(key), reason: "must be a string")
                }
                return value
            }
            let expectation: SchemaExample.Expectation
            if list == "valid" {
                expectation = .valid
            } else {
                guard let instancePointer = JSONPointer(try text("pointer")) else {
                    throw LoadError(file: file, pointer: pointer.appending("pointer"), reason: "is not a JSON pointer")
                }
                expectation = .invalid(pointer: instancePointer, keyword: try text("keyword"))
            }
            return SchemaExample(
                schema: schema, location: "\(file)#\(pointer)", summary: try text("description"),
                instance: try field("instance"), expectation: expectation)
        }
    }
}
