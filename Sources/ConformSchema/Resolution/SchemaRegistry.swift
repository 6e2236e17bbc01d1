import ConformJSON
import Foundation

/// Every schema document known while compiling, with the resources (`$id`s) and anchors declared in
/// them, so that references resolve by URI. Documents missing at first are loaded on demand from the
/// built-in meta-schemas, from directories standing in for remote URI prefixes, and from `file:` URIs.
struct SchemaRegistry: Sendable {
    /// One parsed JSON document that holds schemas.
    struct Document: Sendable {
        var json: JSON
        /// How schema locations in this document are named in violations, e.g. `jina/rerank-response`.
        var name: String
        /// The file path, or the URI when the document did not come from a file, for load errors.
        var source: String
    }

    /// A schema resource: the subschema a URI without fragment identifies.
    struct Resource: Sendable {
        var uri: String
        var location: SchemaLocation
        /// The `$dynamicAnchor` names declared in this resource and where they are.
        var dynamicAnchors: [String: JSONPointer] = [:]
    }

    /// A plain-name fragment (`#name`) declared with `$anchor` or `$dynamicAnchor`.
    struct Anchor: Sendable {
        var location: SchemaLocation
        var isDynamic: Bool
    }

    /// What holds at a subschema: the base URI its references resolve against, the resource it
    /// belongs to and the dialect (`$schema`) in force.
    struct Scope: Sendable {
        var baseURI: URIReference
        var resource: Int
        var dialect: String?
    }

    /// Where a reference leads: the target subschema and, for a plain-name fragment, the anchor.
    struct Target: Sendable {
        var location: SchemaLocation
        var anchorName: String?
        var anchorIsDynamic: Bool
    }

    private(set) var documents: [Document] = []
    private(set) var resources: [Resource] = []
    private var resourceIndexByURI: [String: Int] = [:]
    private var resourceIndexByLocation: [SchemaLocation: Int] = [:]
    private var anchors: [String: Anchor] = [:]
    private var scopes: [SchemaLocation: Scope] = [:]
    /// URI prefixes served from local directories, longest first.
    private let remotes: [(prefix: String, directory: URL)]

    init(remotes: [String: URL] = [:]) {
        self.remotes = remotes.map { ($0.key, $0.value) }.sorted { $0.prefix.count > $1.prefix.count }
    }

    /// Registers a parsed document retrieved from `retrievalURI` and indexes its identifiers.
    @discardableResult
    mutating func add(_ json: JSON, name: String, source: String, retrievalURI: String) throws(SchemaLoadError) -> Int {
        let index = documents.count
        documents.append(Document(json: json, name: name, source: source))
        let retrieval = URIReference(parsing: retrievalURI).withoutFragment
        let rootLocation = SchemaLocation(document: index, pointer: .root)
        let rootResource = try register(resource: retrieval.text, at: rootLocation)
        try scanIdentifiers(
            in: json, at: rootLocation, scope: Scope(baseURI: retrieval, resource: rootResource, dialect: nil))
        return index
    }

    /// Registers `uri` as naming the subschema at `location`. Registering the same pair twice is
    /// harmless; the same URI for two different subschemas is an error.
    mutating func register(resource uri: String, at location: SchemaLocation) throws(SchemaLoadError) -> Int {
        if let existing = resourceIndexByURI[uri] {
            let known = resources[existing].location
            guard known == location else {
                throw SchemaLoadError(
                    kind: .duplicateIdentifier, file: documents[location.document].source, pointer: location.pointer,
                    reason: "\"\(uri)\" already identifies the schema at \(describe(known))")
            }
            return existing
        }
        // A document root with an `$id` is known by both its retrieval URI and its `$id`; the
        // `$id` becomes the name its anchors are registered under.
        if let aliased = resourceIndexByLocation[location] {
            resourceIndexByURI[uri] = aliased
            resources[aliased].uri = uri
            return aliased
        }
        resources.append(Resource(uri: uri, location: location))
        resourceIndexByURI[uri] = resources.count - 1
        resourceIndexByLocation[location] = resources.count - 1
        return resources.count - 1
    }

    mutating func register(anchor name: String, dynamic: Bool, at location: SchemaLocation, scope: Scope) throws(SchemaLoadError)
    {
        let key = scope.baseURI.text + "#" + name
        if let existing = anchors[key], existing.location != location {
            throw SchemaLoadError(
                kind: .duplicateIdentifier, file: documents[location.document].source, pointer: location.pointer,
                reason: "anchor \"\(name)\" is already declared at \(describe(existing.location))")
        }
        let isDynamic = dynamic || anchors[key]?.isDynamic == true
        anchors[key] = Anchor(location: location, isDynamic: isDynamic)
        if dynamic { resources[scope.resource].dynamicAnchors[name] = location.pointer }
    }

    mutating func record(_ scope: Scope, at location: SchemaLocation) {
        scopes[location] = scope
    }

    /// The scope of a subschema. A location the identifier scan did not visit (a reference into an
    /// unknown keyword) takes the scope of its nearest visited ancestor.
    func scope(at location: SchemaLocation) -> Scope {
        var pointer = location.pointer
        while scopes[SchemaLocation(document: location.document, pointer: pointer)] == nil, let parent = pointer.parent {
            pointer = parent
        }
        // Every document's root is scanned when it is added, so the walk always ends on a scope.
        return scopes[SchemaLocation(document: location.document, pointer: pointer)]!
    }

    /// Resolves a `$ref`-style reference written at `location`, loading the document it names when
    /// it is not loaded yet.
    mutating func resolve(_ reference: String, from location: SchemaLocation, keyword: String) throws(SchemaLoadError) -> Target {
        let scope = scope(at: location)
        let absolute = URIReference(parsing: reference).resolved(against: scope.baseURI)
        let resourceURI = absolute.withoutFragment.text
        let source = documents[location.document].source
        let fail = { (reason: String) in
            SchemaLoadError(
                kind: .unresolvedReference, file: source, pointer: location.pointer.appending(keyword), reason: reason)
        }
        guard let resourceIndex = try resourceIndex(for: resourceURI) else {
            throw fail("cannot resolve \"\(reference)\": no schema is known as \"\(resourceURI)\"\(fileHint(for: absolute))")
        }
        let resource = resources[resourceIndex]
        let named = resourceURI.isEmpty ? "the schema" : resourceURI
        let fragment = URIReference.percentDecoded(absolute.fragment ?? "")
        if fragment.isEmpty {
            return Target(location: resource.location, anchorName: nil, anchorIsDynamic: false)
        }
        if fragment.hasPrefix("/") {
            guard let pointer = JSONPointer(fragment) else {
                throw fail("cannot resolve \"\(reference)\": \"\(fragment)\" is not a valid JSON pointer")
            }
            let target = SchemaLocation(
                document: resource.location.document,
                pointer: JSONPointer(tokens: resource.location.pointer.tokens + pointer.tokens))
            guard documents[target.document].json.value(at: target.pointer) != nil else {
                throw fail("cannot resolve \"\(reference)\": \(named) has nothing at \(fragment)")
            }
            return Target(location: target, anchorName: nil, anchorIsDynamic: false)
        }
        guard let anchor = anchors[resource.uri + "#" + fragment] ?? anchors[resourceURI + "#" + fragment] else {
            throw fail("cannot resolve \"\(reference)\": \(named) declares no anchor \"\(fragment)\"")
        }
        return Target(location: anchor.location, anchorName: fragment, anchorIsDynamic: anchor.isDynamic)
    }

    /// The resource named `uri`, loading its document first when a known source can supply it.
    mutating func resourceIndex(for uri: String) throws(SchemaLoadError) -> Int? {
        if let index = resourceIndexByURI[uri] { return index }
        if let builtIn = BuiltInMetaschemas.documents[uri] {
            let json: JSON
            do {
                json = try JSON(parsing: builtIn)
            } catch {
                preconditionFailure("built-in meta-schema \(uri) does not parse: \(error)")
            }
            try add(json, name: uri, source: uri, retrievalURI: uri)
        } else if let file = localFile(for: uri), FileManager.default.fileExists(atPath: file.path) {
            try add(try SchemaFile.read(file, shownAs: file.path), name: uri, source: file.path, retrievalURI: uri)
        }
        return resourceIndexByURI[uri]
    }

    /// The file standing in for `uri`: under a remote's directory, or the file a `file:` URI names.
    private func localFile(for uri: String) -> URL? {
        if let remote = remotes.first(where: { uri.hasPrefix($0.prefix) }) {
            return remote.directory.appending(path: String(uri.dropFirst(remote.prefix.count)))
        }
        return uri.hasPrefix("file:") ? URL(string: uri) : nil
    }

    /// A hint for a common mistake: the reference names a file by its intended `$id`, but the file
    /// has no `$id` and is known only by its file URL.
    private func fileHint(for wanted: URIReference) -> String {
        guard let fileName = wanted.path.split(separator: "/").last else { return "" }
        let candidates = resources.filter { $0.uri.hasPrefix("file:") && $0.uri.hasSuffix("/" + fileName) }
        guard let candidate = candidates.first else { return "" }
        return "; did you mean \"\(candidate.uri)\" (a file without $id)?"
    }

    func describe(_ location: SchemaLocation) -> String {
        "\(documents[location.document].source)#\(location.pointer)"
    }
}

/// A subschema's address: a document of the registry and a JSON pointer inside it.
struct SchemaLocation: Sendable, Hashable {
    var document: Int
    var pointer: JSONPointer
}
