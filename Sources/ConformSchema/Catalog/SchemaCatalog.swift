import ConformJSON
import Foundation

/// Loads every `*.schema.json` under a directory; a schema's name is its path relative to the
/// directory without `.schema.json`, e.g. "jina/rerank-response".
///
/// Every file is parsed and compiled when the catalog is created, so a broken file is reported at
/// once with its path and the JSON pointer of the problem. Files refer to each other by relative
/// `$ref`, resolved against their `$id` or, without one, their file URL.
public final class SchemaCatalog: Sendable {
    public let directory: URL
    /// The names of all schemas, sorted.
    public let names: [String]
    private let registry: SchemaRegistry
    private let program: SchemaProgram
    private let rootByName: [String: NodeIndex]
    private let nameByFileURL: [String: String]

    public static let fileSuffix = ".schema.json"

    /// `remotes` maps a URI prefix (e.g. `"http://localhost:1234/"`) to a directory whose files
    /// stand in for the documents under that prefix.
    public init(directory: URL, remotes: [String: URL] = [:]) throws(SchemaLoadError) {
        let directory = directory.standardizedFileURL.resolvingSymlinksInPath()
        self.directory = directory
        var registry = SchemaRegistry(remotes: remotes)
        var documentByName: [String: Int] = [:]
        var nameByFileURL: [String: String] = [:]
        for (name, file) in try Self.schemaFiles(in: directory) {
            let json = try SchemaFile.read(file, shownAs: file.path)
            documentByName[name] = try registry.add(json, name: name, source: file.path, retrievalURI: file.absoluteString)
            nameByFileURL[file.absoluteString] = name
        }
        var compiler = SchemaCompiler(registry: registry)
        var rootByName: [String: NodeIndex] = [:]
        for (name, document) in documentByName.sorted(by: { $0.key < $1.key }) {
            rootByName[name] = try compiler.compile(document: document)
        }
        program = try compiler.program()
        self.registry = compiler.registry
        self.rootByName = rootByName
        self.nameByFileURL = nameByFileURL
        names = rootByName.keys.sorted()
    }

    public func schema(named name: String) throws(SchemaLoadError) -> CompiledSchema {
        guard let root = rootByName[name] else {
            let close = NameSuggestions.closest(to: name, among: names)
            let hint = close.isEmpty ? "" : "; did you mean \(ViolationText.alternatives(close.map(ViolationText.quoted)))?"
            throw SchemaLoadError(
                kind: .unknownSchema, file: directory.path,
                reason: "no schema named \(ViolationText.quoted(name)) in the catalog\(hint)")
        }
        return CompiledSchema(program: program, root: root, name: name)
    }

    /// Compiles a schema file that is not part of the catalog; it may `$ref` the catalog's schemas.
    public func schema(atPath path: String) throws(SchemaLoadError) -> CompiledSchema {
        let file = URL(filePath: path).standardizedFileURL.resolvingSymlinksInPath()
        if let name = nameByFileURL[file.absoluteString] { return try schema(named: name) }
        var registry = self.registry
        let json = try SchemaFile.read(file, shownAs: path)
        let document = try registry.add(json, name: path, source: path, retrievalURI: file.absoluteString)
        var compiler = SchemaCompiler(registry: registry)
        let root = try compiler.compile(document: document)
        return CompiledSchema(program: try compiler.program(), root: root, name: path)
    }

    /// Every `*.schema.json` below `directory` with its catalog name, in name order.
    private static func schemaFiles(in directory: URL) throws(SchemaLoadError) -> [(name: String, file: URL)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SchemaLoadError(kind: .unreadable, file: directory.path, reason: "no such directory")
        }
        let prefix = directory.path.hasSuffix("/") ? directory.path : directory.path + "/"
        var found: [(name: String, file: URL)] = []
        let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let file = walker?.nextObject() as? URL {
            let resolved = file.standardizedFileURL.resolvingSymlinksInPath()
            guard resolved.lastPathComponent.hasSuffix(fileSuffix), resolved.path.hasPrefix(prefix) else { continue }
            let name = String(resolved.path.dropFirst(prefix.count).dropLast(fileSuffix.count))
            found.append((name, resolved))
        }
        return found.sorted { $0.name < $1.name }
    }
}
