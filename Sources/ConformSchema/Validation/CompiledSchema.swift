import ConformJSON
import Foundation

/// A schema compiled once, with its references resolved, ready to validate any number of
/// instances from any number of tasks at once.
public struct CompiledSchema: Sendable {
    let program: SchemaProgram
    let root: NodeIndex
    /// The catalog name, the path or the URI the schema is known by; violations name it.
    public let name: String

    /// Compiles a standalone schema. `baseURI` is what its relative references resolve against
    /// until an `$id` says otherwise; `remotes` maps URI prefixes to directories holding the
    /// documents those URIs name (for example `"http://localhost:1234/"`); `name` is how
    /// violations name the schema, by default its `$id` or else the base URI.
    public init(json: JSON, baseURI: String = "", remotes: [String: URL] = [:], name: String? = nil) throws(SchemaLoadError) {
        let name = name ?? json["$id"]?.stringValue ?? baseURI
        var registry = SchemaRegistry(remotes: remotes)
        let document = try registry.add(json, name: name, source: name.isEmpty ? "schema" : name, retrievalURI: baseURI)
        var compiler = SchemaCompiler(registry: registry)
        root = try compiler.compile(document: document)
        program = try compiler.program()
        self.name = name
    }

    init(program: SchemaProgram, root: NodeIndex, name: String) {
        self.program = program
        self.root = root
        self.name = name
    }

    /// Every violation, in schema order; empty when the instance is valid.
    public func validate(_ instance: JSON) -> [SchemaViolation] {
        // Most instances are valid: decide that first without building pointers or messages.
        if isValid(instance) { return [] }
        var evaluator = Evaluator(program: program, reporting: true)
        _ = evaluator.evaluate(root: root, instance)
        return evaluator.violations
    }

    public func isValid(_ instance: JSON) -> Bool {
        var evaluator = Evaluator(program: program, reporting: false)
        return evaluator.evaluate(root: root, instance)
    }
}
