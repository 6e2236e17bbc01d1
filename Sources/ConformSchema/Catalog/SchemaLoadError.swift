import ConformJSON

/// Why a schema could not be loaded or compiled, and where: the file (or URI) of the document and
/// the JSON pointer of the offending keyword inside it.
public struct SchemaLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of problem, stable enough for callers to branch on.
    public enum Kind: String, Sendable, Hashable {
        /// The file could not be read.
        case unreadable
        /// The file is not valid JSON.
        case malformedJSON
        /// A keyword has a value JSON Schema does not allow, or a regular expression does not compile.
        case invalidKeyword
        /// A `$ref`, `$dynamicRef` or `$schema` names a schema that is not loaded and cannot be found.
        case unresolvedReference
        /// Two schemas claim the same `$id` or anchor.
        case duplicateIdentifier
        /// No schema of the catalog has the requested name.
        case unknownSchema
    }

    public var kind: Kind
    /// The path of the file, or the URI of the document when it did not come from a file.
    public var file: String
    /// Where in the document the problem is; nil when it concerns the whole file.
    public var pointer: JSONPointer?
    public var reason: String

    public init(kind: Kind, file: String, pointer: JSONPointer? = nil, reason: String) {
        self.kind = kind
        self.file = file
        self.pointer = pointer
        self.reason = reason
    }

    public var description: String {
        guard let pointer else { return "\(file): \(reason)" }
        return "\(file)#\(pointer): \(reason)"
    }
}
