import ConformJSON

/// Why a fixture cannot be used: the file, the field (as a JSON pointer into the file), and what
/// is wrong with it.
public struct FixtureLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of problem, stable enough to branch on in tests and tools.
    public enum Kind: String, Sendable, Hashable {
        case unreadable
        case invalidJSON
        case invalidField
        case misplacedFile
        case duplicateID
        case unknownCheck
        case misusedCheck
        case unknownSchema
        case unknownPlaceholder
        case invalidMatcher
        case missingAsset
        case missingGolden
        case schemaViolation
    }

    public var kind: Kind
    /// The file relative to the fixtures directory, e.g. `jina/rerank/documented-example.json`.
    public var file: String
    /// The offending member; nil when the problem is the file as a whole.
    public var pointer: JSONPointer?
    public var message: String

    public init(kind: Kind, file: String, pointer: JSONPointer? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.pointer = pointer
        self.message = message
    }

    public var description: String {
        guard let pointer else { return "\(file): \(message)" }
        return "\(file): \(pointer.isRoot ? "(root)" : pointer.description): \(message)"
    }
}

/// Every problem found while loading a fixture directory; nothing is run until all are fixed.
public struct FixtureLoadFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var errors: [FixtureLoadError]

    public init(errors: [FixtureLoadError]) {
        self.errors = errors
    }

    public var description: String {
        let count = errors.count == 1 ? "1 problem" : "\(errors.count) problems"
        return "the fixtures have \(count):\n" + errors.map { "  " + $0.description }.joined(separator: "\n")
    }
}
