import ConformJSON

/// The index of a compiled subschema in its ``SchemaProgram``. References are indices, so a
/// recursive schema is a graph of plain values.
typealias NodeIndex = Int

/// One compiled subschema: what it asserts and where it was written.
struct SchemaNode: Sendable {
    enum Body: Sendable {
        /// `true` or `false` written as the whole schema.
        case constant(Bool)
        /// The keywords to evaluate in order; `unevaluatedItems` and `unevaluatedProperties` come last.
        case keywords([Keyword])
    }

    var body: Body
    var location: SchemaLocation
    /// The schema resource the subschema belongs to, which `$dynamicRef` resolution tracks.
    var resource: Int
    /// Whether the subschema has `unevaluatedItems` or `unevaluatedProperties`, so its sibling
    /// keywords must report which members and items they evaluated.
    var collectsAnnotations: Bool
    /// The types allowed when `type` is the subschema's only keyword, as for the items of an
    /// embedding vector: such a leaf is checked without the general keyword loop.
    var onlyAllowedTypes: JSONTypeSet?
    /// `x-conform-level`: how binding every violation inside this subschema is.
    var level: String?
    /// `x-conform-presence`: how binding it is that the member this subschema describes is present
    /// (the `required` violation of the parent), apart from what it holds.
    var presenceLevel: String?
}

/// The annotation keywords that grade violations, so one schema can hold the rules a client
/// breaks on and the letter of a specification beyond them. Any other value is ignored.
public enum ViolationLevelKeyword {
    /// On any subschema: every violation inside it binds at this level (`"should"`).
    public static let level = "x-conform-level"
    /// On a property's subschema: the property's absence binds at this level, its content as usual.
    public static let presence = "x-conform-presence"
}

/// A compiled program: every subschema reachable from the schemas compiled together, immutable
/// and shared by every ``CompiledSchema`` made from it.
final class SchemaProgram: Sendable {
    let nodes: [SchemaNode]
    /// The names of the documents that ``SchemaLocation/document`` indexes, e.g. `jina/rerank-response`.
    let documentNames: [String]
    /// For each resource, its `$dynamicAnchor`s compiled.
    let dynamicAnchors: [[String: NodeIndex]]
    /// Whether any `$dynamicRef` needs the dynamic scope; when not, evaluation does not track it.
    let tracksDynamicScope: Bool

    init(nodes: [SchemaNode], documentNames: [String], dynamicAnchors: [[String: NodeIndex]], tracksDynamicScope: Bool) {
        self.nodes = nodes
        self.documentNames = documentNames
        self.dynamicAnchors = dynamicAnchors
        self.tracksDynamicScope = tracksDynamicScope
    }

    /// `name#/pointer` of a subschema, or of one of its keywords, as violations report it.
    func locationText(of node: NodeIndex, keyword: String? = nil) -> String {
        let location = nodes[node].location
        var pointer = location.pointer
        if let keyword { pointer = pointer.appending(keyword) }
        return documentNames[location.document] + "#" + pointer.description
    }
}
