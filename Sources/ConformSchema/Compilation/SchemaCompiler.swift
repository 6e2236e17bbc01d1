import ConformJSON

/// Turns schema documents of a ``SchemaRegistry`` into a ``SchemaProgram``: every subschema
/// reachable from the documents compiled, with references resolved to node indices.
struct SchemaCompiler {
    var registry: SchemaRegistry
    private var nodes: [SchemaNode] = []
    private var nodeByLocation: [SchemaLocation: NodeIndex] = [:]
    private var vocabularyByDialect: [String: Vocabulary] = [:]
    private var usesDynamicScope = false

    init(registry: SchemaRegistry) {
        self.registry = registry
    }

    /// Compiles the whole document: its root schema and, so that mistakes in them are reported
    /// too, every `$defs` entry whether or not anything refers to it.
    mutating func compile(document: Int) throws(SchemaLoadError) -> NodeIndex {
        try compileNode(at: SchemaLocation(document: document, pointer: .root))
    }

    /// The program holding everything compiled so far.
    mutating func program() throws(SchemaLoadError) -> SchemaProgram {
        var dynamicAnchors: [[String: NodeIndex]] = []
        if usesDynamicScope {
            // Compiling an anchor can load further documents, so the resource list may grow.
            var resourceIndex = 0
            while resourceIndex < registry.resources.count {
                let resource = registry.resources[resourceIndex]
                var compiled: [String: NodeIndex] = [:]
                for (name, pointer) in resource.dynamicAnchors {
                    compiled[name] = try compileNode(at: SchemaLocation(document: resource.location.document, pointer: pointer))
                }
                dynamicAnchors.append(compiled)
                resourceIndex += 1
            }
        }
        return SchemaProgram(
            nodes: nodes, documentNames: registry.documents.map(\.name), dynamicAnchors: dynamicAnchors,
            tracksDynamicScope: usesDynamicScope)
    }

    mutating func compileNode(at location: SchemaLocation) throws(SchemaLoadError) -> NodeIndex {
        if let existing = nodeByLocation[location] { return existing }
        let document = registry.documents[location.document]
        guard let value = document.json.value(at: location.pointer) else {
            throw SchemaLoadError(
                kind: .unresolvedReference, file: document.source, pointer: location.pointer, reason: "no schema here")
        }
        let scope = registry.scope(at: location)
        let index = nodes.count
        nodeByLocation[location] = index
        nodes.append(
            SchemaNode(
                body: .constant(true), location: location, resource: scope.resource, collectsAnnotations: false,
                onlyAllowedTypes: nil))
        switch value {
        case .bool(let constant):
            nodes[index].body = .constant(constant)
        case .object(let object):
            let vocabulary = try vocabulary(for: scope.dialect, at: location)
            let keywords = try compileKeywords(of: object, at: location, vocabulary: vocabulary)
            nodes[index].body = .keywords(keywords)
            nodes[index].collectsAnnotations = keywords.contains {
                switch $0 {
                case .unevaluatedItems, .unevaluatedProperties: true
                default: false
                }
            }
            if keywords.count == 1, case .type(let types) = keywords[0] { nodes[index].onlyAllowedTypes = types }
            nodes[index].level = object[ViolationLevelKeyword.level]?.stringValue
            nodes[index].presenceLevel = object[ViolationLevelKeyword.presence]?.stringValue
        default:
            throw SchemaLoadError(
                kind: .invalidKeyword, file: document.source, pointer: location.pointer,
                reason: "a schema must be an object or a boolean, found \(value.typeName) \(JSONDiff.preview(value, limit: 40))")
        }
        return index
    }

    mutating func noteDynamicScopeUse() {
        usesDynamicScope = true
    }

    /// The vocabularies in force for a dialect: all of them for draft 2020-12 and for meta-schemas
    /// that cannot be found, otherwise those the meta-schema's `$vocabulary` lists.
    private mutating func vocabulary(for dialect: String?, at location: SchemaLocation) throws(SchemaLoadError) -> Vocabulary {
        guard let dialect else { return .all }
        let uri = URIReference(parsing: dialect).withoutFragment.text
        if uri == BuiltInMetaschemas.draft202012 { return .all }
        if let known = vocabularyByDialect[uri] { return known }
        var result = Vocabulary.all
        if let resourceIndex = try registry.resourceIndex(for: uri) {
            let resource = registry.resources[resourceIndex]
            let metaschema = registry.documents[resource.location.document].json.value(at: resource.location.pointer)
            if case .object(let listed)? = metaschema?["$vocabulary"] {
                result = [.core, .annotationsOnly]
                for (vocabularyURI, required) in listed {
                    if let known = Vocabulary(uri: vocabularyURI) {
                        result.insert(known)
                    } else if required == .bool(true) {
                        throw SchemaLoadError(
                            kind: .invalidKeyword, file: registry.documents[location.document].source,
                            pointer: location.pointer.appending("$schema"),
                            reason: "the meta-schema \(dialect) requires the vocabulary \(vocabularyURI), which is not supported")
                    }
                }
            }
        }
        vocabularyByDialect[uri] = result
        return result
    }
}
